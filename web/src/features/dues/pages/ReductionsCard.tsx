// 党费减免: the branch files a request and approves it first, then the level above (党委) approves;
// each page offers the buttons of its own step (the server still decides who may act).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { showDuesError } from '../form';
import { errorMessage } from '../../../components/http';
import { rosterApi } from '../../roster/api';
import { REDUCTION_STATUS, duesApi, duesKeys, fenOf, monthLabel, yuan, type Reduction } from '../api';
import { MonthInput } from '../DateInputs';

type Stage = 'branch' | 'upper';
const ACTIONABLE: Record<Stage, string> = { branch: 'pending_branch', upper: 'pending_upper' };

interface Values {
  personId: number;
  fromMonth: string;
  toMonth: string;
  kind: 'reduce' | 'waive';
  monthly: string;
  reason: string;
}

function NewReductionDialog({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const members = useQuery({
    queryKey: ['dues', 'members', orgId],
    queryFn: () => rosterApi.members(orgId, {}, null, 200),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      duesApi.createReduction({
        personId: v.personId,
        fromMonth: v.fromMonth,
        toMonth: v.toMonth,
        kind: v.kind,
        monthlyFen: v.kind === 'reduce' ? (fenOf(v.monthly ?? '') ?? -1) : null,
        reason: v.reason,
      }),
    onSuccess: () => {
      void message.success('已登记减免申请，请审批');
      void qc.invalidateQueries({ queryKey: duesKeys.all });
      onClose();
    },
    onError: (e) => {
      showDuesError(
        form,
        e,
        {
          personId: 'personId',
          fromMonth: 'fromMonth',
          toMonth: 'toMonth',
          kind: 'kind',
          monthlyFen: 'monthly',
          reason: 'reason',
        },
        (t) => void message.error(t),
      );
    },
  });
  return (
    <Modal
      open
      title="登记减免申请"
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'waive' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={members.isLoading}
            options={(members.data?.page.items ?? []).map((m) => ({ value: m.personId, label: m.name }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="fromMonth"
            label="起始月份"
            rules={[{ required: true, message: '请选择起始月份' }]}
          >
            <MonthInput />
          </Form.Item>
          <Form.Item name="toMonth" label="截止月份" rules={[{ required: true, message: '请选择截止月份' }]}>
            <MonthInput />
          </Form.Item>
        </Space>
        <Form.Item name="kind" label="减免方式">
          <Radio.Group
            options={[
              { value: 'waive', label: '免交' },
              { value: 'reduce', label: '少交' },
            ]}
          />
        </Form.Item>
        {kind === 'reduce' && (
          <Form.Item
            name="monthly"
            label="减免后每月应缴（元）"
            rules={[
              {
                validator: (_, v: string) =>
                  fenOf(v ?? '') !== null
                    ? Promise.resolve()
                    : Promise.reject(new Error('请填写金额，最多两位小数')),
              },
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label="减免原因"
          rules={[{ required: true, whitespace: true, message: '请填写减免原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder="例如：家庭遭遇重大变故，经济确有困难" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReductionsCard({ orgId, stage }: { orgId: number; stage: Stage }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<Reduction | null>(null);
  const [creating, setCreating] = useState(false);
  const [reason, setReason] = useState('');
  const list = useQuery({ queryKey: duesKeys.reductions(orgId), queryFn: () => duesApi.reductions(orgId) });
  const done = (text: string) => {
    void message.success(text);
    void qc.invalidateQueries({ queryKey: duesKeys.all });
  };
  const approve = useMutation({
    mutationFn: (id: number) => duesApi.approveReduction(id),
    onSuccess: () => done('已同意'),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const reject = useMutation({
    mutationFn: ({ id, text }: { id: number; text: string }) => duesApi.rejectReduction(id, text),
    onSuccess: () => {
      setRejecting(null);
      setReason('');
      done('已退回');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const columns = [
    { title: '党员', dataIndex: 'personName' },
    { title: '所在组织', dataIndex: 'orgName', responsive: ['md' as const] },
    {
      title: '月份',
      key: 'months',
      render: (_: unknown, r: Reduction) =>
        r.fromMonth === r.toMonth
          ? monthLabel(r.fromMonth)
          : `${monthLabel(r.fromMonth)}至${monthLabel(r.toMonth)}`,
    },
    {
      title: '方式',
      dataIndex: 'kind',
      render: (k: string, r: Reduction) =>
        k === 'reduce' ? `少交，每月 ${yuan(r.monthlyFen)} 元` : r.kindLabel,
    },
    { title: '原因', dataIndex: 'reason', responsive: ['md' as const] },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: string, r: Reduction) => <Tag color={REDUCTION_STATUS[s]?.color}>{r.statusLabel}</Tag>,
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r: Reduction) =>
        r.status === ACTIONABLE[stage] ? (
          <Space>
            <Button
              size="small"
              type="primary"
              onClick={() => approve.mutate(r.id)}
              loading={approve.isPending}
            >
              同意
            </Button>
            <Button size="small" danger onClick={() => setRejecting(r)}>
              退回
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <Card
      size="small"
      title="党费减免"
      data-testid="dues-reductions"
      extra={stage === 'branch' ? <Button onClick={() => setCreating(true)}>登记减免申请</Button> : null}
    >
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: list.isError ? errorMessage(list.error) : '暂无减免申请' }}
      />
      {creating && <NewReductionDialog orgId={orgId} onClose={() => setCreating(false)} />}
      <Modal
        open={rejecting !== null}
        title={`退回减免申请 · ${rejecting?.personName ?? ''}`}
        okText="退回"
        cancelText="取消"
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        confirmLoading={reject.isPending}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && reject.mutate({ id: rejecting.id, text: reason.trim() })}
      >
        <Input.TextArea
          aria-label="退回原因"
          placeholder="请填写退回原因"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
