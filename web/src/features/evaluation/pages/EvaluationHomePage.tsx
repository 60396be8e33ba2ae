import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../components/http';
import { applyFieldErrors } from '../../../components/form-errors';
import { evaluationApi, type Campaign, type MemberReview } from '../api';
import { ProposalsPanel } from '../components/ProposalsPanel';
import { RectificationBoard } from '../components/RectificationBoard';
import { TargetsPanel } from '../components/TargetsPanel';

const STATUS_COLOR: Record<string, string> = {
  reporting: 'blue',
  voting: 'orange',
  reviewing: 'purple',
  published: 'green',
};

function CampaignsTab({ orgId }: { orgId: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    year: number;
    title: string;
    meetingOn?: { format: (f: string) => string };
  }>();
  const list = useQuery({ queryKey: ['evaluation', 'campaigns'], queryFn: () => evaluationApi.campaigns() });
  const create = useMutation({
    mutationFn: (v: { year: number; title: string; meetingOn?: { format: (f: string) => string } }) =>
      evaluationApi.createCampaign({
        orgId,
        year: v.year,
        title: v.title,
        ...(v.meetingOn ? { meetingOn: v.meetingOn.format('YYYY-MM-DD') } : {}),
      }),
    onSuccess: (c) => {
      void message.success(
        `已开展述职评议，述职书记${c.subjects}名${c.vacantOrgs.length ? `；${c.vacantOrgs.length}个下级组织书记空缺` : ''}`,
      );
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['evaluation', 'campaigns'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['year', 'title', 'meetingOn'])) void message.error(errorMessage(e));
    },
  });
  const year = new Date().getFullYear();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="开展书记抓基层党建述职评议考核">
        <Form
          form={form}
          layout="inline"
          initialValues={{ year, title: `${year}年度书记抓基层党建工作述职评议考核` }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item
            name="title"
            label="名称"
            rules={[{ required: true, message: '请填写名称' }]}
            style={{ minWidth: 320 }}
          >
            <Input />
          </Form.Item>
          <Form.Item name="meetingOn" label="述职会议">
            <DatePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="create-campaign">
            开展述职评议
          </Button>
        </Form>
      </Card>
      <Table<Campaign>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: true }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          {
            title: '名称',
            dataIndex: 'title',
            render: (t: string, c) => <Link to={`/evaluation/campaigns/${c.id}`}>{t}</Link>,
          },
          { title: '开展单位', dataIndex: 'orgName' },
          {
            title: '层级',
            dataIndex: 'parentCampaignId',
            render: (p: number | null) => (p ? <Tag>联述联评（下级）</Tag> : <Tag color="red">本级</Tag>),
          },
          {
            title: '状态',
            dataIndex: 'statusName',
            render: (n: string, c) => <Tag color={STATUS_COLOR[c.status]}>{n}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

function ReviewsTab({ orgId }: { orgId: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({
    queryKey: ['evaluation', 'reviews', orgId],
    queryFn: () => evaluationApi.reviews(orgId),
  });
  const create = useMutation({
    mutationFn: () => evaluationApi.createReview(orgId, new Date().getFullYear()),
    onSuccess: () => {
      void message.success('已开展本年度民主评议党员');
      void qc.invalidateQueries({ queryKey: ['evaluation', 'reviews'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button onClick={() => create.mutate()} loading={create.isPending}>
        本支部开展{new Date().getFullYear()}年度民主评议党员
      </Button>
      <Table<MemberReview>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        scroll={{ x: true }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          {
            title: '党支部',
            dataIndex: 'orgName',
            render: (n: string, r) => <Link to={`/evaluation/member-reviews/${r.id}`}>{n}</Link>,
          },
          { title: '环节', dataIndex: 'stageName' },
          { title: '参评', dataIndex: 'members' },
          { title: '优秀', render: (_, r) => r.grades?.['优秀'] ?? 0 },
          {
            title: '不合格',
            render: (_, r) => (r.grades?.['不合格'] ? <Tag color="red">{r.grades['不合格']}</Tag> : 0),
          },
        ]}
      />
    </Space>
  );
}

/** 评议考核 of an organisation: campaigns, 民主评议党员, the rectification board. */
export function EvaluationHomePage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'campaigns';
  return (
    <Card
      title={<Typography.Text strong>评议考核</Typography.Text>}
      extra={<Link to="/evaluation/my">我的评议</Link>}
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'campaigns', label: '述职评议考核', children: <CampaignsTab orgId={orgId} /> },
          { key: 'reviews', label: '民主评议党员', children: <ReviewsTab orgId={orgId} /> },
          { key: 'targets', label: '党员目标管理', children: <TargetsPanel orgId={orgId} /> },
          { key: 'proposals', label: '处置建议', children: <ProposalsPanel orgId={orgId} /> },
          { key: 'rectifications', label: '整改台账', children: <RectificationBoard orgId={orgId} /> },
        ]}
      />
    </Card>
  );
}
