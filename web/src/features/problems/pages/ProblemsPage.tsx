// 问题清单: every rectification item of the subtree in one list, whatever produced it — 述职评议,
// 督查, 组织生活会, 软弱涣散, an alert — with a chart of what is open, overdue and closed per source.
// An item opens the one rectification drawer (progress, 申请销号 with evidence, upper-level review).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import ReactECharts from 'echarts-for-react';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { RectificationDrawer } from '../../evaluation/components/RectificationBoard';
import { problemKeys, problemsApi, type ProblemItem, type SourceCount } from '../api';
import { MeetingProblemsModal } from '../components/MeetingProblemsModal';

const PAGE = 20;
const STATUS_TAG: Record<ProblemItem['status'], string> = {
  open: 'processing',
  closure_requested: 'warning',
  closed: 'success',
};

function sourceChart(sources: SourceCount[]) {
  const labels = sources.map((s) => s.label);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      { name: '逾期未销号', type: 'bar', stack: 'n', color: '#cf1322', data: sources.map((s) => s.overdue) },
      {
        name: '整改中（未逾期）',
        type: 'bar',
        stack: 'n',
        color: '#1677ff',
        data: sources.map((s) => s.open - s.overdue),
      },
      { name: '已销号', type: 'bar', stack: 'n', color: '#52c41a', data: sources.map((s) => s.closed) },
    ],
  };
}

export function ProblemsPage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const source = params.get('source') ?? '';
  const openOnly = params.get('open') === '1';
  const overdue = params.get('overdue') === '1';
  const page = Number(params.get('page') ?? '1') || 1;
  const [drawer, setDrawer] = useState<number | null>(null);
  const [meetingModal, setMeetingModal] = useState(false);
  const qc = useQueryClient();
  const q = { source, open: openOnly ? 1 : 0, overdue: overdue ? 1 : 0, page };
  const board = useQuery({
    queryKey: problemKeys.board(orgId, q),
    queryFn: () =>
      problemsApi.board(orgId, { source, open: openOnly, overdue, limit: PAGE, offset: (page - 1) * PAGE }),
    enabled: orgId > 0,
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const refresh = () => void qc.invalidateQueries({ queryKey: problemKeys.all });
  const chart = useMemo(() => sourceChart(board.data?.sources ?? []), [board.data?.sources]);
  if (board.error)
    return <Result status="error" title="问题清单加载失败" subTitle={errorMessage(board.error)} />;
  const d = board.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Link to={`/orgs/${orgId}/workbench`}>← 返回工作台</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          问题清单{d ? ` · ${d.org.name}` : ''}
        </Typography.Title>
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic title="整改中" value={d?.summary.open ?? 0} suffix="项" />
          </Card>
        </Col>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic
              title="逾期未销号"
              value={d?.summary.overdue ?? 0}
              suffix="项"
              valueStyle={d?.summary.overdue ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic title="已销号" value={d?.summary.closed ?? 0} suffix="项" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="各来源的问题">
            {d && d.sources.length > 0 ? (
              <ReactECharts
                option={chart}
                style={{ height: Math.max(140, 36 * d.sources.length + 60) }}
                notMerge
              />
            ) : (
              <Typography.Text type="secondary">暂无问题</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Space wrap>
          <Select
            allowClear
            placeholder="全部来源"
            style={{ minWidth: 160 }}
            value={source || undefined}
            onChange={(v?: string) => set('source', v)}
            options={d?.sourceOptions ?? []}
          />
          <Space>
            <Switch checked={openOnly} onChange={(v) => set('open', v ? '1' : undefined)} />
            仅看未销号
          </Space>
          <Space>
            <Switch checked={overdue} onChange={(v) => set('overdue', v ? '1' : undefined)} />
            仅看逾期
          </Space>
          <Button onClick={() => setMeetingModal(true)}>登记组织生活会查摆问题</Button>
        </Space>
      </Card>
      <Table<ProblemItem>
        size="small"
        rowKey="id"
        loading={board.isLoading}
        dataSource={d?.items ?? []}
        scroll={{ x: 760 }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: d?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 项`,
          onChange: (p) => set('page', String(p)),
        }}
        columns={[
          { title: '来源', dataIndex: 'sourceLabel', width: 140 },
          { title: '组织', dataIndex: 'orgName', width: 180 },
          {
            title: '问题',
            dataIndex: 'title',
            render: (title: string, r) => (
              <Typography.Link onClick={() => setDrawer(r.id)}>{title}</Typography.Link>
            ),
          },
          { title: '责任人', dataIndex: 'owner', width: 90, render: (o: string | null) => o ?? '—' },
          {
            title: '整改时限',
            dataIndex: 'due',
            width: 150,
            render: (due: string, r) => (
              <Space size={4}>
                {formatDate(due)}
                {r.overdue && <Tag color="red">已逾期</Tag>}
              </Space>
            ),
          },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 100,
            render: (label: string, r) => <Tag color={STATUS_TAG[r.status]}>{label}</Tag>,
          },
          {
            title: '',
            key: 'open',
            width: 80,
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => setDrawer(r.id)}>
                办理
              </Button>
            ),
          },
        ]}
      />
      {drawer !== null && (
        <RectificationDrawer id={drawer} onClose={() => setDrawer(null)} onChanged={refresh} />
      )}
      {meetingModal && (
        <MeetingProblemsModal
          orgId={orgId}
          onClose={() => setMeetingModal(false)}
          onSaved={() => {
            setMeetingModal(false);
            refresh();
          }}
        />
      )}
    </Space>
  );
}
