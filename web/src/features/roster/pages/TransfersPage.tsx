import { SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Result,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { ExternalTransfers } from '../components/ExternalTransfers';
import { TransferRequests } from '../components/TransferRequests';
import { rosterApi, rosterKeys, type Transfer, type TransferAction } from '../api';
import { TransferTargetSelect } from '../components/TransferTargetSelect';

const ACTION_LABEL: Record<TransferAction, string> = {
  approve: '审批同意',
  reject: '审批退回',
  accept: '接收',
  return: '退回',
  cancel: '撤回',
};
const STATUS_COLOR: Record<string, string> = {
  pending_approval: 'orange',
  pending_acceptance: 'blue',
  accepted: 'green',
  returned: 'red',
  cancelled: 'default',
};
const DIRECTION: Record<string, string> = { out: '转出', in: '转入', approval: '待本级审批' };

/** 组织关系转接: what leaves this subtree, what waits for its approval, what comes in. */
export function TransfersPage() {
  const orgId = Number(useParams().orgId);
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [creating, setCreating] = useState(false);
  const [returning, setReturning] = useState<{ t: Transfer; action: 'return' | 'reject' } | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: rosterKeys.transfers(orgId, status),
    queryFn: () => rosterApi.transfers(orgId, status),
    enabled: orgId > 0,
  });
  const act = useMutation({
    mutationFn: (v: { id: number; action: TransferAction; reason?: string }) =>
      rosterApi.act(v.id, v.reason ? { action: v.action, reason: v.reason } : { action: v.action }),
    onSuccess: (t) => {
      void message.success(
        `已${ACTION_LABEL[(t.status === 'accepted' ? 'accept' : t.status === 'pending_acceptance' ? 'approve' : t.status === 'cancelled' ? 'cancel' : 'return') as TransferAction]}`,
      );
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      setReturning(null);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.error) return <Result status="error" title="加载失败" subTitle={errorMessage(q.error)} />;
  return (
    <div data-testid="roster-transfers">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          组织关系转接
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: 'open', label: '办理中' },
              { value: 'closed', label: '已办结' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Button type="primary" icon={<SwapOutlined />} onClick={() => setCreating(true)}>
            发起转接
          </Button>
        </Space>
      </Space>
      <Table<Transfer>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          { title: '党员', dataIndex: ['person', 'name'], width: 90 },
          { title: '方向', dataIndex: 'direction', width: 100, render: (d: string) => DIRECTION[d] ?? d },
          { title: '转出组织', dataIndex: ['from', 'name'] },
          { title: '转入组织', dataIndex: ['to', 'name'] },
          { title: '原因', dataIndex: 'reason', width: 120 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: string, t) => <Tag color={STATUS_COLOR[s]}>{t.statusLabel}</Tag>,
          },
          {
            title: '说明',
            key: 'note',
            width: 180,
            render: (_, t) => t.returnReason ?? (t.effectiveOn ? `${t.effectiveOn}转入` : ''),
          },
          {
            title: '操作',
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_, t) => (
              <Space size={4} wrap>
                {t.direction === 'out' &&
                  (t.status === 'pending_approval' ||
                    t.status === 'pending_acceptance' ||
                    t.status === 'accepted') && (
                    <Button size="small" href={`/api/roster/transfers/${t.id}/letter`} target="_blank">
                      介绍信
                    </Button>
                  )}
                {(t.actions ?? []).map((a) =>
                  a === 'return' || a === 'reject' ? (
                    <Button key={a} size="small" danger onClick={() => setReturning({ t, action: a })}>
                      {ACTION_LABEL[a]}
                    </Button>
                  ) : (
                    <Button
                      key={a}
                      size="small"
                      type={a === 'cancel' ? 'default' : 'primary'}
                      loading={act.isPending}
                      onClick={() => act.mutate({ id: t.id, action: a })}
                      data-testid={`transfer-${a}-${t.id}`}
                    >
                      {ACTION_LABEL[a]}
                    </Button>
                  ),
                )}
              </Space>
            ),
          },
        ]}
      />
      <ExternalTransfers orgId={orgId} />
      <div style={{ marginTop: 24 }}>
        <TransferRequests orgId={orgId} />
      </div>
      {creating && <CreateTransferModal orgId={orgId} onClose={() => setCreating(false)} />}
      <Modal
        open={returning !== null}
        title={returning?.action === 'reject' ? '审批退回' : '退回转接'}
        onCancel={() => setReturning(null)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={(v: { reason: string }) =>
            returning && act.mutate({ id: returning.t.id, action: returning.action, reason: v.reason })
          }
        >
          <Form.Item
            name="reason"
            label="退回理由"
            rules={[
              { required: true, message: '请填写退回理由' },
              { max: 200, message: '不超过200字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" danger htmlType="submit" loading={act.isPending}>
            确认退回
          </Button>
        </Form>
      </Modal>
    </div>
  );
}

/** 发起组织关系转接; `person` pre-selects the member (e.g. from the graduates list). */
export function CreateTransferModal({
  orgId,
  onClose,
  person,
}: {
  orgId: number;
  onClose: () => void;
  person?: { id: number; name: string; orgName: string; reason?: string };
}) {
  const [form] = Form.useForm();
  const [search, setSearch] = useState('');
  const term = useDebouncedValue(search, 300);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const people = useQuery({
    queryKey: ['roster', 'pick', orgId, term],
    queryFn: () => rosterApi.members(orgId, term ? { q: term } : {}, null, 20),
    enabled: orgId > 0,
  });
  const create = useMutation({
    mutationFn: rosterApi.createTransfer,
    onSuccess: (t) => {
      void message.success(t.needsApproval ? '已发起，等待党委审批' : '已发起，等待转入组织接收');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['personId', 'toOrgCode', 'reason']))
        void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title="发起组织关系转接" onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={person ? { personId: person.id, reason: person.reason } : undefined}
        onFinish={(v: { personId: number; toOrgCode: string; reason: string }) => create.mutate(v)}
      >
        <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder="输入姓名搜索"
            loading={people.isFetching}
            options={[
              ...(person ? [{ value: person.id, label: `${person.name}（${person.orgName}）` }] : []),
              ...(people.data?.page.items ?? [])
                .filter((m) => m.personId !== person?.id)
                .map((m) => ({ value: m.personId, label: `${m.name}（${m.org.name}）` })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="toOrgCode"
          label="转入党组织"
          rules={[{ required: true, message: '请选择转入党组织' }]}
        >
          <TransferTargetSelect />
        </Form.Item>
        <Form.Item name="reason" label="转接原因" rules={[{ required: true, message: '请填写转接原因' }]}>
          <Input placeholder="如 工作调动、居住地变更" maxLength={200} />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          转往本党委以外的组织须经党委审批；接收前党员仍由原党组织管理。
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          发起
        </Button>
      </Form>
    </Modal>
  );
}
