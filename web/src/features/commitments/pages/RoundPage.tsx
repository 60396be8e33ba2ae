import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useCurrentUser } from '../../auth/hooks';
import { rosterApi } from '../../roster/api';
import { commitmentsApi } from '../api';
import {
  COMMENDATION_CATEGORIES,
  commendationsApi,
  EVIDENCE_KINDS,
  NOMINATION_COLORS,
  type CommendationCategory,
  type Nomination,
} from '../commendations-api';

type NominateValues = {
  category: CommendationCategory;
  nomineePersonId?: number;
  reason: string;
  commitments?: number[];
  meetings?: string;
};

/** A branch nominates: a member (or itself), the reason, and evidence by id. */
function NominateForm({ roundId, orgId }: { roundId: number; orgId: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<NominateValues>();
  const category = Form.useWatch('category', form);
  const members = useQuery({
    queryKey: ['commendations', 'members', orgId],
    queryFn: () => rosterApi.members(orgId, {}, null, 200),
  });
  const commitments = useQuery({
    queryKey: ['commitments', 'list', orgId, 'all'],
    queryFn: () => commitmentsApi.list(orgId),
  });
  const send = useMutation({
    mutationFn: (v: NominateValues) => {
      const meetings = (v.meetings ?? '')
        .split(/[,，\s]+/)
        .filter(Boolean)
        .map((x) => ({ kind: 'meeting', id: Number(x) }));
      return commendationsApi.nominate(roundId, {
        category: v.category,
        ...(v.category === '先进基层党组织'
          ? { nomineeOrgId: orgId }
          : { nomineePersonId: v.nomineePersonId }),
        reason: v.reason,
        evidence: [...(v.commitments ?? []).map((id) => ({ kind: 'commitment', id })), ...meetings],
      });
    },
    onSuccess: (n) => {
      void message.success(`已提名 ${n.nomineeName}（${n.category}）`);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['commendations'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['reason', 'nomineePersonId'])) void message.error(errorMessage(e));
    },
  });
  const published = (commitments.data ?? []).filter((c) => c.status !== 'draft' && c.status !== 'opinion');
  return (
    <Card size="small" title="提名" data-testid="nominate-form">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ category: '优秀共产党员' }}
        onFinish={(v) => send.mutate(v)}
      >
        <Space wrap align="start">
          <Form.Item name="category" label="类别">
            <Select
              style={{ width: 180 }}
              options={COMMENDATION_CATEGORIES.map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
          {category !== '先进基层党组织' && (
            <Form.Item
              name="nomineePersonId"
              label="被提名党员"
              rules={[{ required: true, message: '请选择党员' }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: 200 }}
                loading={members.isLoading}
                options={(members.data?.page.items ?? []).map((m) => ({ value: m.personId, label: m.name }))}
                data-testid="nominee-select"
              />
            </Form.Item>
          )}
        </Space>
        <Form.Item
          name="reason"
          label="推荐理由（主要事迹）"
          rules={[{ required: true, message: '请填写推荐理由' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="nomination-reason" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="commitments" label="佐证：公开承诺">
            <Select
              mode="multiple"
              style={{ minWidth: 260 }}
              options={published.map((c) => ({ value: c.id, label: `${c.year}年 ${c.title}` }))}
            />
          </Form.Item>
          <Form.Item name="meetings" label="佐证：会议编号（逗号分隔）">
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="nominate-submit">
          提交提名
        </Button>
      </Form>
    </Card>
  );
}

function DecideButtons({ n }: { n: Nomination }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (action: 'approve' | 'reject') => commendationsApi.decide(n.id, action, reason || undefined),
    onSuccess: (r) => {
      void message.success(`${r.data.nomineeName}：${r.data.statusLabel}`);
      void qc.invalidateQueries({ queryKey: ['commendations'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (n.status !== 'nominated') return null;
  return (
    <Space size={4}>
      <Button size="small" type="primary" onClick={() => decide.mutate('approve')} loading={decide.isPending}>
        批准
      </Button>
      <Popconfirm
        title="不批准的理由"
        description={<Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        onConfirm={() => decide.mutate('reject')}
        okText="不批准"
        cancelText="取消"
      >
        <Button size="small" danger>
          不批准
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** One 两优一先 round: window, 公示, nominations and the workflow actions the actor may take. */
export function RoundPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const q = useQuery({ queryKey: ['commendations', 'round', id], queryFn: () => commendationsApi.round(id) });
  const act = useMutation({
    mutationFn: (what: 'publicity' | 'archive') =>
      what === 'publicity' ? commendationsApi.startPublicity(id) : commendationsApi.archive(id),
    onSuccess: (r) => {
      void message.success(`评选状态：${r.data.statusLabel}`);
      void qc.invalidateQueries({ queryKey: ['commendations'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const r = q.data?.data;
  const p = q.data?.policies ?? { manage: false, nominate: false };
  const myOrg = me.scope.orgId;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="round-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {r?.title ?? ''} {r && <Tag>{r.statusLabel}</Tag>}
      </Typography.Title>
      {r && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label="发起">{r.orgName}</Descriptions.Item>
          <Descriptions.Item label="提名期">
            {formatDate(r.nominateFrom)} 至 {formatDate(r.nominateTo)}
          </Descriptions.Item>
          <Descriptions.Item label="公示">
            {r.publicityFrom
              ? `${formatDate(r.publicityFrom)} 至 ${formatDate(r.publicityEndsOn)}（${r.publicityWorkingDays ?? ''}个工作日）`
              : '尚未公示'}
          </Descriptions.Item>
        </Descriptions>
      )}
      {p.manage && r && (
        <Space wrap>
          {r.status === 'open' && (
            <Button
              onClick={() => act.mutate('publicity')}
              loading={act.isPending}
              data-testid="start-publicity"
            >
              开始公示
            </Button>
          )}
          {r.status === 'publicity' && (
            <Button onClick={() => act.mutate('archive')} loading={act.isPending}>
              归档
            </Button>
          )}
          {r.status === 'publicity' && !r.publicityOver && (
            <Alert type="info" showIcon message={`公示期至${r.publicityEndsOn ?? ''}结束，期满后才能批准`} />
          )}
        </Space>
      )}
      <Table<Nomination>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={r?.nominations ?? []}
        pagination={{ pageSize: 30 }}
        data-testid="nominations"
        locale={{ emptyText: '暂无提名' }}
        columns={[
          { title: '类别', dataIndex: 'category' },
          { title: '被提名', dataIndex: 'nomineeName' },
          { title: '提名组织', dataIndex: 'orgName', responsive: ['md'] },
          { title: '推荐理由', dataIndex: 'reason', responsive: ['lg'], ellipsis: true },
          {
            title: '佐证',
            dataIndex: 'evidence',
            responsive: ['lg'],
            render: (ev: Nomination['evidence']) =>
              ev.length === 0
                ? '—'
                : ev.map((e) => (
                    <Tag key={`${e.kind}${e.id}`}>
                      {EVIDENCE_KINDS[e.kind]}：{e.label}
                    </Tag>
                  )),
          },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            render: (s: string, n) => (
              <Space direction="vertical" size={0}>
                <Tag color={NOMINATION_COLORS[n.status]}>{s}</Tag>
                {n.decisionReason && <Typography.Text type="secondary">{n.decisionReason}</Typography.Text>}
              </Space>
            ),
          },
          ...(p.manage
            ? [
                {
                  title: '审批',
                  key: 'decide',
                  render: (_: unknown, n: Nomination) => <DecideButtons n={n} />,
                },
              ]
            : []),
        ]}
      />
      {p.nominate && <NominateForm roundId={id} orgId={myOrg} />}
    </Space>
  );
}
