import { DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { PageLoading } from '../../../components/PageLoading';
import { useCurrentUser } from '../../auth/hooks';
import type { AuditData, QuotaRow } from '../api';
import { ErrorView, parseId } from '../components/ErrorView';
import { useAudit, useQuotas } from '../hooks';

const CODE_LABELS: Record<string, string> = {
  AGE_UNDER_MIN: '未满18周岁',
  TALK_LATE: '谈话超过1个月',
  TALK_OVERDUE: '逾期未谈话',
  ACTIVIST_PERIOD_SHORT: '培养期不满1年',
  PUBLICITY_SHORT: '公示不足',
  CONTACTS_INVALID: '培养联系人不符',
  REVIEW_GAP: '考察间隔超6个月',
  INTRODUCER_INVALID: '入党介绍人不符',
  POLITICAL_REVIEW_NO_CONCLUSION: '政审无结论',
  TRAINING_SHORT: '培训不足',
  VOTE_NO_QUORUM: '到会不足半数',
  VOTE_NOT_PASSED: '赞成票未过半',
  VOTE_INVALID: '表决记录有误',
  APPROVAL_LATE: '审批超期',
  APPROVAL_OVERDUE: '逾期未审批',
  PROBATION_NOT_ENDED: '未满预备期讨论转正',
  EXTENSION_INVALID: '延长预备期不符',
  STEP_ORDER: '程序倒置',
  MATERIALS_MISSING: '材料不全',
  QUOTA_EXCEEDED: '超出发展名额',
};

type Violation = AuditData['violations'][number];
type Upcoming = AuditData['upcoming'][number];

export function AuditPage() {
  const params = useParams();
  const me = useCurrentUser();
  const orgId = parseId(params.orgId);
  const query = useAudit(orgId);
  const year = Number(chinaToday().slice(0, 4));
  const quotas = useQuotas(orgId, year);
  const home = `/orgs/${me.scope.orgId}`;
  const chart = useMemo(() => {
    const byCode = query.data?.data.byCode ?? {};
    const codes = Object.keys(byCode).sort((a, b) => byCode[b]! - byCode[a]!);
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: {},
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: codes.map((c) => CODE_LABELS[c] ?? c), inverse: true },
      series: [
        {
          type: 'bar',
          data: codes.map((c) => byCode[c]),
          itemStyle: { color: '#c0392b' },
          label: { show: true, position: 'right' },
        },
      ],
    };
  }, [query.data]);
  if (query.error)
    return (
      <ErrorView error={query.error} homePath={home} what="自查自纠报告" retry={() => void query.refetch()} />
    );
  if (!query.data) return <PageLoading />;
  const data = query.data.data;
  const vColumns: TableColumnsType<Violation> = [
    {
      title: '申请人',
      dataIndex: 'candidate',
      render: (v: string, r) => <Link to={`/development/candidates/${r.candidateId}`}>{v}</Link>,
      width: 100,
    },
    { title: '党支部', dataIndex: 'orgName', responsive: ['md'] },
    { title: '步骤', dataIndex: 'step', width: 70, render: (s: number) => `第${s}步` },
    {
      title: '问题',
      dataIndex: 'code',
      width: 140,
      render: (c: string) => <Tag color="red">{CODE_LABELS[c] ?? c}</Tag>,
      filters: Object.keys(data.byCode).map((c) => ({ text: CODE_LABELS[c] ?? c, value: c })),
      onFilter: (v, r) => r.code === v,
    },
    { title: '证据', dataIndex: 'detail' },
    { title: '依据', dataIndex: 'ruleTitle', responsive: ['lg'] },
  ];
  const uColumns: TableColumnsType<Upcoming> = [
    { title: '期限', dataIndex: 'due', width: 130, render: (d: string) => formatDate(d) },
    {
      title: '申请人',
      dataIndex: 'candidate',
      width: 100,
      render: (v: string, r) => <Link to={`/development/candidates/${r.candidateId}`}>{v}</Link>,
    },
    { title: '党支部', dataIndex: 'orgName', responsive: ['md'] },
    { title: '事项', dataIndex: 'what' },
  ];
  const qColumns: TableColumnsType<QuotaRow> = [
    { title: '党委', dataIndex: 'orgName' },
    { title: '名额', dataIndex: 'quota', width: 80 },
    { title: '已审批接收', dataIndex: 'used', width: 110 },
    {
      title: '剩余',
      dataIndex: 'remaining',
      width: 80,
      render: (n: number) => <Tag color={n <= 0 ? 'red' : 'green'}>{n}</Tag>,
    },
  ];
  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={`/orgs/${data.org.id}`}>{data.org.name}</Link> },
          { title: <Link to={`/orgs/${data.org.id}/development`}>发展党员</Link> },
          { title: '自查自纠' },
        ]}
      />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {data.org.name} · 发展党员自查自纠（截至{formatDate(data.on)}）
        </Typography.Title>
        <Button icon={<DownloadOutlined />} href={`/api/orgs/${data.org.id}/development/audit.xlsx`}>
          导出Excel
        </Button>
      </Space>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="在册发展对象" value={data.candidates} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title="违规问题"
              value={data.violations.length}
              styles={{ content: { color: data.violations.length ? '#c0392b' : '#389e0d' } }}
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="即将到期" value={data.upcoming.length} />
          </Card>
        </Col>
      </Row>
      {data.violations.length > 0 && (
        <Card size="small" title="问题分布" style={{ marginBottom: 16 }}>
          <ReactECharts
            option={chart}
            style={{ height: Math.max(120, Object.keys(data.byCode).length * 36) }}
          />
        </Card>
      )}
      <Card size="small" title="违规问题" style={{ marginBottom: 16 }}>
        {data.violations.length === 0 ? (
          <Empty description="未发现违规问题" data-testid="audit-empty" />
        ) : (
          <Table<Violation>
            data-testid="audit-violations"
            rowKey={(r) => `${r.candidateId}-${r.step}-${r.code}-${r.detail}`}
            columns={vColumns}
            dataSource={data.violations}
            size="small"
            pagination={{ pageSize: 20 }}
            scroll={{ x: 600 }}
          />
        )}
      </Card>
      <Card size="small" title="即将到期" style={{ marginBottom: 16 }}>
        <Table<Upcoming>
          rowKey={(r) => `${r.candidateId}-${r.step}-${r.due}`}
          columns={uColumns}
          dataSource={data.upcoming}
          size="small"
          pagination={{ pageSize: 20 }}
          scroll={{ x: 500 }}
        />
      </Card>
      <Card size="small" title={`${year}年发展名额`}>
        <Table<QuotaRow>
          rowKey="orgId"
          columns={qColumns}
          dataSource={quotas.data?.data ?? []}
          loading={quotas.isLoading}
          size="small"
          pagination={false}
          locale={{ emptyText: '本级及下级未下达发展名额' }}
        />
      </Card>
    </div>
  );
}
