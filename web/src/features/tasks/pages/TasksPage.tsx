import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../components/http';
import { orgLevel } from '../../../app/navigation';
import { useOrg } from '../../orgs/hooks';
import { STATUS_COLOR, tasksApi, type InboxTask, type Outbox, type OutboxTask } from '../api';
import { NewTaskForm } from './NewTaskForm';

function Inbox({ orgId }: { orgId: number }) {
  const q = useQuery({ queryKey: ['tasks', 'inbox', orgId], queryFn: () => tasksApi.inbox(orgId) });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  return (
    <Table<InboxTask>
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '暂无上级下达的任务' }}
      columns={[
        {
          title: '任务',
          dataIndex: 'title',
          render: (t: string, r) => <Link to={`/tasks/${r.id}`}>{t}</Link>,
        },
        { title: '类型', dataIndex: 'kindLabel', responsive: ['md'] },
        { title: '下达组织', dataIndex: 'issuerName', responsive: ['md'] },
        { title: '截止日期', dataIndex: 'deadline' },
        {
          title: '报送情况',
          render: (_: unknown, r) => (
            <Space size={4}>
              <Tag color={STATUS_COLOR[r.target.status]}>{r.target.statusLabel}</Tag>
              {r.target.returned && <Tag color="orange">已退回</Tag>}
            </Space>
          ),
        },
        {
          title: '操作',
          render: (_: unknown, r) =>
            r.canReport ? (
              <Link to={`/tasks/${r.id}`}>
                <Button type="primary" size="small">
                  报送
                </Button>
              </Link>
            ) : (
              <Link to={`/tasks/${r.id}`}>查看</Link>
            ),
        },
      ]}
    />
  );
}

/** 减负: tasks and report requests issued per month against the caps. */
function CapChart({ outbox }: { outbox: Outbox }) {
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['工作任务', '报表/材料报送'] },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: outbox.months.map((m) => `${Number(m.month.slice(5))}月`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: '工作任务',
        type: 'bar',
        data: outbox.months.map((m) => m.tasks),
        markLine: {
          symbol: 'none',
          data: [{ yAxis: outbox.caps.tasks, name: '任务上限' }],
          lineStyle: { color: '#cf1322' },
        },
      },
      {
        name: '报表/材料报送',
        type: 'bar',
        data: outbox.months.map((m) => m.reports),
        markLine: {
          symbol: 'none',
          data: [{ yAxis: outbox.caps.reports, name: '报表上限' }],
          lineStyle: { color: '#d46b08' },
        },
      },
    ],
  };
  return <ReactECharts option={option} style={{ height: 220 }} notMerge />;
}

function OutboxTab({ orgId }: { orgId: number }) {
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['tasks', 'outbox', orgId], queryFn: () => tasksApi.outbox(orgId) });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const overCap = q.data?.months.reduce((n, m) => n + m.overCap, 0) ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        {q.data?.policies.issue && !creating && (
          <Button type="primary" onClick={() => setCreating(true)}>
            下达新任务
          </Button>
        )}
        {creating && <Button onClick={() => setCreating(false)}>收起</Button>}
      </Space>
      {creating && <NewTaskForm orgId={orgId} onDone={() => setCreating(false)} />}
      {q.data && (
        <Card
          size="small"
          title={`每月下达数（减负上限：工作任务${q.data.caps.tasks}项、报表${q.data.caps.reports}项/月）`}
        >
          {overCap > 0 && (
            <Alert
              type="warning"
              showIcon
              message={`近12个月超过减负上限下达${overCap}项`}
              style={{ marginBottom: 8 }}
            />
          )}
          <CapChart outbox={q.data} />
        </Card>
      )}
      <Table<OutboxTask>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '本组织尚未下达任务' }}
        columns={[
          {
            title: '任务',
            dataIndex: 'title',
            render: (t: string, r) => (
              <Space size={4}>
                <Link to={`/tasks/${r.id}`}>{t}</Link>
                {r.overCap && <Tag color="gold">超减负上限</Tag>}
              </Space>
            ),
          },
          { title: '类型', dataIndex: 'kindLabel', responsive: ['md'] },
          { title: '下达日期', dataIndex: 'issuedOn', responsive: ['lg'] },
          { title: '截止日期', dataIndex: 'deadline' },
          {
            title: '报送进度',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0} style={{ minWidth: 160 }}>
                <Progress
                  percent={r.progress.total ? Math.round((r.progress.reported / r.progress.total) * 100) : 0}
                  success={{
                    percent: r.progress.total ? Math.round((r.progress.onTime / r.progress.total) * 100) : 0,
                  }}
                  size="small"
                  format={() => `${r.progress.reported}/${r.progress.total}`}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  按时{r.progress.onTime} · 逾期报送{r.progress.late} · 逾期未报{r.progress.overdue}
                </Typography.Text>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** 工作任务: 收到的任务 (inbox) and, for committees, 下达的任务 (outbox). */
export function TasksPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const [params, setParams] = useSearchParams();
  const kind = org.data?.org.kind;
  const committee = kind !== undefined && orgLevel(kind) === 'committee';
  const tab = committee && params.get('tab') === 'outbox' ? 'outbox' : 'inbox';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="tasks-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 工作任务
        </Typography.Title>
        <Link to={`/orgs/${orgId}`}>返回组织</Link>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'outbox' ? { tab: 'outbox' } : {}, { replace: true })}
        items={[
          { key: 'inbox', label: '收到的任务', children: <Inbox orgId={orgId} /> },
          ...(committee
            ? [{ key: 'outbox', label: '下达的任务', children: <OutboxTab orgId={orgId} /> }]
            : []),
        ]}
      />
    </Space>
  );
}
