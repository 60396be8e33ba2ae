import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Result,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useMediaQuery } from '../../../components/use-media-query';
import { useOrg } from '../../orgs/hooks';
import {
  COMMITMENT_TYPES,
  STATUS_COLORS,
  STATUS_LABELS,
  commitmentsApi,
  type Commitment,
  type NewCommitment,
} from '../api';
import { CommendationsPanel } from './CommendationsPanel';
import { LiaisonsPanel } from './LiaisonsPanel';
import { OverdueList } from './OverdueList';
import { ReviewCalendar } from './ReviewCalendar';

type FormValues = Omit<NewCommitment, 'orgId' | 'year'>;

function CreateCommitment({ orgId, year }: { orgId: number; year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('committerKind', form);
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      commitmentsApi.create({ ...v, orgId, year, ...(v.dueOn ? {} : { dueOn: undefined }) }),
    onSuccess: (c) => {
      void message.success(`已草拟承诺“${c.title}”，请征求群众意见`);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['commitments'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['type', 'title', 'content', 'dueOn', 'personId', 'committerKind']))
        void message.error(errorMessage(e));
    },
  });
  return (
    <Card size="small" title="草拟承诺">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ committerKind: 'org', type: '年度承诺', isPublic: true }}
        onFinish={(v) => create.mutate(v)}
      >
        <Space wrap>
          <Form.Item name="committerKind" label="承诺主体">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'org', label: '本组织' },
                { value: 'member', label: '党员' },
              ]}
            />
          </Form.Item>
          {kind === 'member' && (
            <Form.Item name="personId" label="党员ID" rules={[{ required: true, message: '请填写党员ID' }]}>
              <Input
                type="number"
                style={{ width: 120 }}
                onChange={(e) => form.setFieldValue('personId', Number(e.target.value))}
              />
            </Form.Item>
          )}
          <Form.Item name="type" label="承诺类型">
            <Select style={{ width: 140 }} options={COMMITMENT_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="dueOn" label="践诺期限">
            <Input type="date" />
          </Form.Item>
          <Form.Item name="isPublic" label="在公开栏公开" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="承诺标题" rules={[{ required: true, message: '请填写承诺标题' }]}>
          <Input maxLength={100} placeholder="例如：年内完成村组道路硬化" />
        </Form.Item>
        <Form.Item name="content" label="承诺内容" rules={[{ required: true, message: '请填写承诺内容' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          保存草稿
        </Button>
      </Form>
    </Card>
  );
}

function StatusChart({ byStatus }: { byStatus: Record<string, number> }) {
  const keys = Object.keys(STATUS_LABELS);
  const option = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: 'category', data: keys.map((k) => STATUS_LABELS[k]) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', data: keys.map((k) => byStatus[k] ?? 0), label: { show: true, position: 'top' } },
    ],
  };
  return <ReactECharts option={option} style={{ height: 220 }} notMerge />;
}

/** A branch's (or any subtree's) commitment board: list, statistics, drafting, overdue reviews. */
export function CommitmentBoardPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const narrow = useMediaQuery('(max-width: 640px)');
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const list = useQuery({
    queryKey: ['commitments', 'list', orgId, year],
    queryFn: () => commitmentsApi.list(orgId, year),
  });
  const report = useQuery({
    queryKey: ['commitments', 'report', orgId, year],
    queryFn: () => commitmentsApi.report(orgId, year),
  });
  if (list.isError) return <Result status="warning" title={errorMessage(list.error)} />;
  const code = org.data?.org.code;
  const columns = [
    {
      title: '承诺',
      dataIndex: 'title',
      render: (t: string, c: Commitment) => <Link to={`/commitments/${c.id}`}>{t}</Link>,
    },
    { title: '承诺主体', dataIndex: 'committerName', responsive: ['md' as const] },
    { title: '类型', dataIndex: 'type', responsive: ['md' as const] },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s] ?? s}</Tag>,
    },
    {
      title: '最近点评',
      dataIndex: 'lastReviewOn',
      responsive: ['lg' as const],
      render: (d: string | null) => formatDate(d),
    },
    {
      title: '评诺',
      dataIndex: 'leaderGrade',
      responsive: ['lg' as const],
      render: (g: string | null) => g ?? '—',
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="commitment-board">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 公开承诺
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={year}
            onChange={(v) => setYear(Number(v))}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
          />
          {code && <Link to={`/commitments/public?org=${encodeURIComponent(code)}`}>查看公开栏</Link>}
        </Space>
      </Space>
      <Tabs
        items={[
          {
            key: 'list',
            label: '承诺',
            children: (
              <Space direction="vertical" style={{ width: '100%' }} size="middle">
                {report.data && (
                  <Card
                    size="small"
                    title={`按状态（${year}年，到期未点评 ${report.data.overdueReviews} 项）`}
                  >
                    <StatusChart byStatus={report.data.byStatus} />
                  </Card>
                )}
                <Table
                  rowKey="id"
                  size={narrow ? 'small' : 'middle'}
                  loading={list.isLoading}
                  dataSource={list.data ?? []}
                  columns={columns}
                  pagination={{ pageSize: 20 }}
                />
                <CreateCommitment orgId={orgId} year={year} />
              </Space>
            ),
          },
          { key: 'overdue', label: '到期未点评', children: <OverdueList orgId={orgId} /> },
          { key: 'calendar', label: '点评日历', children: <ReviewCalendar orgId={orgId} /> },
          {
            key: 'liaisons',
            label: '联系点',
            children: (
              <LiaisonsPanel
                orgId={orgId}
                isCommittee={['党委', '党工委', '党总支'].includes(org.data?.org.kind ?? '')}
              />
            ),
          },
          {
            key: 'commendations',
            label: '两优一先',
            children: (
              <CommendationsPanel
                orgId={orgId}
                year={year}
                canOpen={['党委', '党工委'].includes(org.data?.org.kind ?? '')}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
