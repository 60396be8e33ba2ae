import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { osApi, osKeys } from '../api';
import { SEVERITY_COLOR, STATUS_COLOR } from '../components/FormModal';

/** 组织体系体检: counts per finding for a subtree, drill-down, Excel export; term status alongside. */
export function HealthReportPage() {
  const orgId = Number(useParams().orgId);
  const structure = useQuery({ queryKey: osKeys.structure(orgId), queryFn: () => osApi.structure(orgId), enabled: orgId > 0 });
  const terms = useQuery({ queryKey: osKeys.termStatus(orgId), queryFn: () => osApi.termStatus(orgId), enabled: orgId > 0 });
  const [check, setCheck] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  if (structure.error) return <Result status="error" title="加载失败" subTitle={errorMessage(structure.error)} />;
  if (!structure.data) return <Skeleton active />;
  const s = structure.data.data;
  const entries = Object.entries(s.counts).sort((a, b) => b[1] - a[1]);
  const findings = check ? s.findings.filter((f) => f.check === check) : s.findings;
  const termRows = (terms.data?.data.terms ?? []).filter((t) => (status ? t.status === status : t.status !== '正常'));
  return (
    <div data-testid="health-report">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{s.org.name} · 组织体系体检</Typography.Title>
        <Button icon={<DownloadOutlined />} href={osApi.exportUrl(orgId)} data-testid="health-export">导出Excel</Button>
      </Space>
      <Typography.Paragraph type="secondary">截至{formatDate(s.on)}，共发现 {s.findings.length} 项。点击图表或数字查看明细。</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="发现分布">
            <ReactECharts style={{ height: Math.max(220, entries.length * 34) }} onEvents={{ click: (e: { name: string }) => setCheck(e.name) }} option={{
              grid: { left: 150, right: 30, top: 10, bottom: 20 },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', data: entries.map(([k]) => k).reverse() },
              series: [{ type: 'bar', data: entries.map(([, v]) => v).reverse(), itemStyle: { color: '#c0392b' }, label: { show: true, position: 'right' } }],
              tooltip: {},
            }} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="届期状态">
            <Space wrap>
              {Object.entries(terms.data?.data.counts ?? {}).map(([k, v]) => (
                <Card key={k} size="small" hoverable onClick={() => setStatus(k)} style={{ minWidth: 100 }}>
                  <Statistic title={<Tag color={STATUS_COLOR[k]}>{k}</Tag>} value={v} suffix="个" />
                </Card>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 12 }} title={check ? `明细：${check}` : '全部发现'} extra={check && <Button size="small" onClick={() => setCheck(null)}>显示全部</Button>}>
        <Space wrap style={{ marginBottom: 8 }}>
          {entries.map(([k, v]) => <Tag.CheckableTag key={k} checked={check === k} onChange={() => setCheck(check === k ? null : k)}>{k} {v}</Tag.CheckableTag>)}
        </Space>
        <Table size="small" rowKey={(f) => `${f.orgId}-${f.check}-${f.detail}`} dataSource={findings} pagination={{ pageSize: 20 }} scroll={{ x: 600 }} columns={[
          { title: '组织', dataIndex: 'orgName', render: (n: string, f) => <Link to={`/orgs/${f.orgId}/org-system?tab=findings`}>{n}</Link> },
          { title: '检查项', dataIndex: 'check' },
          { title: '程度', dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLOR[v]}>{v}</Tag> },
          { title: '说明', dataIndex: 'detail' },
        ]} />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={status ? `届期：${status}` : '届期：需关注'} extra={status && <Button size="small" onClick={() => setStatus(null)}>需关注</Button>}>
        <Table size="small" rowKey="orgId" dataSource={termRows} pagination={{ pageSize: 20 }} scroll={{ x: 480 }} columns={[
          { title: '组织', dataIndex: 'orgName', render: (n: string, t) => <Link to={`/orgs/${t.orgId}/org-system?tab=renewal`}>{n}</Link> },
          { title: '届次', dataIndex: 'number', render: (n: number | null) => (n ? `第${n}届` : '—') },
          { title: '届满日期', dataIndex: 'termEnd', render: (d: string | null) => d ?? '—' },
          { title: '状态', dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLOR[v]}>{v}</Tag> },
        ]} />
      </Card>
    </div>
  );
}
