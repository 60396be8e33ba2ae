import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { evaluationApi, type Proposal, type ProposalList } from '../api';

type DateLike = { format: (f: string) => string };

function DecideModal({ orgId, p, onClose }: { orgId: number; p: Proposal; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const decide = useMutation({
    mutationFn: (v: { decision: 'submitted' | 'dismissed'; note: string }) =>
      evaluationApi.decideProposal({ orgId, personId: p.personId, proposal: p.proposal, ...v }),
    onSuccess: () => {
      void message.success('已记录处理意见');
      void qc.invalidateQueries({ queryKey: ['evaluation', 'proposals'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['note'])) void message.error(errorMessage(e));
    },
  });
  const submit = (decision: 'submitted' | 'dismissed') =>
    void form.validateFields().then((v) => decide.mutate({ decision, note: v.note }));
  return (
    <Modal
      open
      title={`${p.name}：${p.proposal}建议`}
      onCancel={onClose}
      footer={[
        <Button key="d" onClick={() => submit('dismissed')} loading={decide.isPending}>
          不予处理
        </Button>,
        <Button key="s" type="primary" onClick={() => submit('submitted')} loading={decide.isPending}>
          提交党组织研究
        </Button>,
      ]}
    >
      <Typography.Paragraph>{p.reason}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        建议仅供参考，平台不会自动改变党员的党籍状态；是否处置由党组织按程序研究决定。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label="处理说明" rules={[{ required: true, message: '请填写处理说明' }]}>
          <Input.TextArea rows={3} placeholder="如：已谈话了解情况，提交支委会研究" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LostContactForm({ orgId }: { orgId: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personId: number; since: DateLike; searches: string }>();
  const members = useQuery({
    queryKey: ['evaluation', 'targets', orgId, new Date().getFullYear()],
    queryFn: () => evaluationApi.targets(orgId, new Date().getFullYear()),
  });
  const options = (members.data?.members ?? [])
    .filter((m) => m.category !== '已转出')
    .map((m) => ({ value: m.personId, label: m.name }));
  const reg = useMutation({
    mutationFn: (v: { personId: number; since: DateLike; searches: string }) =>
      evaluationApi.registerLostContact({
        orgId,
        personId: v.personId,
        since: v.since.format('YYYY-MM-DD'),
        searches: v.searches,
      }),
    onSuccess: () => {
      void message.success('已登记失联党员');
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['evaluation', 'proposals'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['personId', 'since', 'searches'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => reg.mutate(v)}>
      <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        {options.length > 0 ? (
          <Select
            options={options}
            showSearch
            optionFilterProp="label"
            style={{ width: 140 }}
            placeholder="选择党员"
          />
        ) : (
          <InputNumber min={1} placeholder="党员ID" />
        )}
      </Form.Item>
      <Form.Item name="since" label="失去联系日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item
        name="searches"
        label="查找情况"
        rules={[{ required: true, message: '请填写查找情况' }]}
        style={{ minWidth: 280 }}
      >
        <Input placeholder="电话、走访、联系家属等情况" />
      </Form.Item>
      <Button htmlType="submit" loading={reg.isPending}>
        失联登记
      </Button>
    </Form>
  );
}

/** 处置建议 from the platform's data: for a human to decide, never applied automatically. */
export function ProposalsPanel({ orgId }: { orgId: number }) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [deciding, setDeciding] = useState<Proposal | null>(null);
  const q = useQuery({
    queryKey: ['evaluation', 'proposals', orgId],
    queryFn: () => evaluationApi.proposals(orgId),
  });
  const found = useMutation({
    mutationFn: (v: { id: number; on: string }) => evaluationApi.markFound(v.id, v.on),
    onSuccess: () => {
      void message.success('已解除失联登记');
      void qc.invalidateQueries({ queryKey: ['evaluation', 'proposals'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.error) return <Alert type="error" message={errorMessage(q.error)} />;
  const d: ProposalList | undefined = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d && (
        <Alert
          type="info"
          showIcon
          message={`截至${d.asOf}，核查在册党员${d.membersChecked}名：失去联系满6个月的建议停止党籍；连续6个月无正当理由未参加组织生活的建议按自行脱党处理。`}
          description={d.duesTracked ? undefined : d.duesNote}
        />
      )}
      <Table<Proposal>
        rowKey={(p) => `${p.personId}:${p.proposal}`}
        size="small"
        loading={q.isPending}
        dataSource={d?.proposals ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: '暂无处置建议' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所在组织', dataIndex: 'orgName' },
          {
            title: '建议',
            dataIndex: 'proposal',
            render: (v: string) => <Tag color={v === '停止党籍' ? 'red' : 'orange'}>{v}</Tag>,
          },
          { title: '依据', dataIndex: 'reason' },
          {
            title: '处理',
            render: (_, p) =>
              p.decision ? (
                <Space direction="vertical" size={0}>
                  <Tag color={p.decision.decision === 'submitted' ? 'blue' : 'default'}>
                    {p.decision.decisionName}
                  </Tag>
                  <Typography.Text type="secondary">
                    {p.decision.decidedOn} {p.decision.note}
                  </Typography.Text>
                </Space>
              ) : (
                <Button size="small" onClick={() => setDeciding(p)}>
                  研究处理
                </Button>
              ),
          },
        ]}
      />
      <Typography.Title level={5}>失联党员登记</Typography.Title>
      <LostContactForm orgId={orgId} />
      <Table
        rowKey="id"
        size="small"
        dataSource={d?.lostContacts ?? []}
        pagination={false}
        locale={{ emptyText: '暂无失联党员' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '失去联系日期', dataIndex: 'since' },
          { title: '查找情况', dataIndex: 'searches' },
          {
            title: '操作',
            render: (_, l: ProposalList['lostContacts'][number]) => (
              <Button
                size="small"
                loading={found.isPending}
                onClick={() =>
                  modal.confirm({
                    title: `确认已与${l.name}恢复联系？`,
                    onOk: () => found.mutateAsync({ id: l.id, on: d!.asOf }),
                  })
                }
              >
                已恢复联系
              </Button>
            ),
          },
        ]}
      />
      {deciding && <DecideModal orgId={orgId} p={deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}
