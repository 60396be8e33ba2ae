import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Result, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { rosterApi, rosterKeys, type Dist, type Structure } from '../api';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function Pie({ title, data }: { title: string; data: Dist[] }) {
  return (
    <Card size="small" title={title}>
      <ReactECharts style={{ height: 240 }} option={{
        tooltip: { trigger: 'item', formatter: '{b}：{c}人（{d}%）' },
        legend: { type: 'scroll', bottom: 0 },
        series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: data.map((d) => ({ name: d.key, value: d.count })), label: { formatter: '{b}\n{d}%' } }],
      }} />
    </Card>
  );
}

function Bars({ title, labels, values, color = '#c0392b' }: { title: string; labels: string[]; values: number[]; color?: string }) {
  return (
    <Card size="small" title={title}>
      <ReactECharts style={{ height: 240 }} option={{
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: values, itemStyle: { color }, label: { show: true, position: 'top' } }],
      }} />
    </Card>
  );
}

/** 党员队伍结构分析: age, 党龄, gender, education, identity, recruitment per year; ageing branches first. */
export function StructurePage() {
  const orgId = Number(useParams().orgId);
  const q = useQuery({ queryKey: rosterKeys.structure(orgId), queryFn: () => rosterApi.structure(orgId), enabled: orgId > 0 });
  if (q.error) return <Result status="error" title="加载失败" subTitle={errorMessage(q.error)} />;
  if (!q.data) return <Skeleton active />;
  const s: Structure = q.data;
  return (
    <div data-testid="roster-structure">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{s.org.name} · 党员队伍结构</Typography.Title>
        <Button icon={<DownloadOutlined />} href={rosterApi.structureExportUrl(orgId)}>导出Excel</Button>
      </Space>
      <Typography.Paragraph type="secondary">统计日期：{formatDate(s.on)}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title="党员总数" value={s.total} suffix="人" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={`${s.thresholds.oldAge}岁及以上`} value={pct(s.shares.old)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={`${s.thresholds.youngAge}岁及以下`} value={pct(s.shares.young)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="女党员" value={pct(s.shares.women)} /></Card></Col>
        <Col xs={24} lg={12}><Bars title="年龄结构" labels={s.ageBands.map((b) => b.label)} values={s.ageBands.map((b) => b.count)} /></Col>
        <Col xs={24} lg={12}><Bars title="党龄结构" labels={s.partyAgeBands.map((b) => b.label)} values={s.partyAgeBands.map((b) => b.count)} color="#d4380d" /></Col>
        <Col xs={24} md={12} lg={8}><Pie title="性别" data={s.gender} /></Col>
        <Col xs={24} md={12} lg={8}><Pie title="学历" data={s.education} /></Col>
        <Col xs={24} md={12} lg={8}><Pie title="人员身份" data={s.identity} /></Col>
        <Col xs={24} md={12} lg={8}><Pie title="民族" data={s.ethnicity} /></Col>
        <Col xs={24} lg={16}><Bars title="近十年发展党员（按入党年份）" labels={s.newMembersPerYear.map((y) => String(y.year))} values={s.newMembersPerYear.map((y) => y.count)} color="#cf1322" /></Col>
      </Row>
      <Card size="small" title={`各党组织年龄结构（${s.thresholds.oldAge}岁及以上占比达${pct(s.thresholds.ageingShare)}标为老龄化）`} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          dataSource={s.branches}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 640 }}
          data-testid="roster-ageing"
          columns={[
            { title: '党组织', dataIndex: 'name' },
            { title: '党员数', dataIndex: 'total', width: 80 },
            { title: `${s.thresholds.oldAge}岁及以上`, key: 'old', width: 130, render: (_, b) => `${b.old}（${pct(b.oldShare)}）` },
            { title: `${s.thresholds.youngAge}岁及以下`, key: 'young', width: 130, render: (_, b) => `${b.young}（${pct(b.youngShare)}）` },
            { title: '提示', key: 'flag', width: 90, render: (_, b) => (b.ageing ? <Tag color="volcano">老龄化</Tag> : b.young === 0 ? <Tag>无青年党员</Tag> : null) },
          ]}
        />
      </Card>
    </div>
  );
}
