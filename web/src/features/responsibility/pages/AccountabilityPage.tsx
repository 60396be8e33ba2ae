// 问责: records proposed by this organisation or below (never shown to the target's own staff),
// a form to propose one about a post holder below, and approval by the level above the proposer.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage, isApiError } from '../../../components/http';
import { useCurrentUser } from '../../auth/hooks';
import { useOrg, useOrgChildren } from '../../orgs/hooks';
import { ACC_COLOR, findingsApi, respApi, type AccRecord } from '../api';

interface ProposeForm {
  type: string;
  targetOrgId: number;
  holder: string;
  reason: string;
  rectItemId?: number;
  alertId?: number;
}

function ProposeCard({ orgId, types }: { orgId: number; types: string[] }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposeForm>();
  const children = useOrgChildren(orgId, false);
  const target = Form.useWatch('targetOrgId', form);
  const holders = useQuery({
    queryKey: ['responsibility', 'holders', target],
    queryFn: () => respApi.holders(target),
    enabled: !!target,
  });
  const rects = useQuery({
    queryKey: ['responsibility', 'rects', target],
    queryFn: () => findingsApi.rectifications(target),
    enabled: !!target,
  });
  const alerts = useQuery({
    queryKey: ['responsibility', 'alerts', target],
    queryFn: () => findingsApi.alerts(target),
    enabled: !!target,
  });
  const propose = useMutation({
    mutationFn: (v: ProposeForm) => {
      const [personId, post] = v.holder.split('|');
      return respApi.propose({
        type: v.type,
        personId: Number(personId),
        orgId: v.targetOrgId,
        post: post!,
        reason: v.reason,
        ...(v.rectItemId ? { rectItemId: v.rectItemId } : {}),
        ...(v.alertId ? { alertId: v.alertId } : {}),
      });
    },
    onSuccess: () => {
      void message.success('已提出问责，待上级党组织审批');
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['accountability'] });
    },
    onError: (e) => {
      // The server names body fields; the form shows them on its own pickers.
      const onForm: Record<string, keyof ProposeForm> = {
        orgId: 'targetOrgId',
        personId: 'holder',
        post: 'holder',
      };
      if (applyFieldErrors(form, e, ['type', 'reason', 'rectItemId', 'alertId'])) return;
      const field = isApiError(e) ? Object.keys(e.fields ?? {})[0] : undefined;
      const name = field ? onForm[field] : undefined;
      if (name) form.setFields([{ name, errors: [errorMessage(e)] }]);
      else void message.error(errorMessage(e));
    },
  });
  return (
    <Card size="small" title="提出问责（对下级组织的班子成员）">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: types[0] }}
        onFinish={(v) => propose.mutate(v)}
      >
        <Space wrap>
          <Form.Item name="type" label="问责方式" rules={[{ required: true, message: '请选择问责方式' }]}>
            <Select style={{ width: 140 }} options={types.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item
            name="targetOrgId"
            label="被问责人所在组织"
            rules={[{ required: true, message: '请选择组织' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              options={(children.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              onChange={() =>
                form.setFieldsValue({ holder: undefined, rectItemId: undefined, alertId: undefined } as never)
              }
            />
          </Form.Item>
          <Form.Item name="holder" label="被问责人" rules={[{ required: true, message: '请选择被问责人' }]}>
            <Select
              style={{ width: 200 }}
              options={(holders.data ?? []).map((h) => ({
                value: `${h.personId}|${h.post}`,
                label: `${h.name}（${h.post}）`,
              }))}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="rectItemId" label="关联整改事项">
            <Select
              allowClear
              style={{ width: 320 }}
              options={(rects.data ?? []).map((r) => ({
                value: r.id,
                label: `${r.title}（${r.deadline}${r.overdue ? '，已逾期' : ''}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="alertId" label="关联预警">
            <Select
              allowClear
              style={{ width: 320 }}
              options={(alerts.data ?? []).map((a) => ({ value: a.id, label: `${a.label}：${a.subject}` }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label="问责事由" rules={[{ required: true, message: '请填写问责事由' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={propose.isPending}>
          提出问责
        </Button>
      </Form>
    </Card>
  );
}

function DecideModal({
  record,
  action,
  onClose,
}: {
  record: AccRecord;
  action: 'approve' | 'reject';
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: () => respApi.decide(record.id, action, note),
    onSuccess: () => {
      void message.success(action === 'approve' ? '已批准，问责生效' : '已不予批准');
      void qc.invalidateQueries({ queryKey: ['accountability'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`${action === 'approve' ? '批准' : '不予批准'}：${record.personName}（${record.orgName}${record.post}）${record.type}`}
      okText={action === 'approve' ? '批准' : '不予批准'}
      cancelText="取消"
      onOk={() => decide.mutate()}
      confirmLoading={decide.isPending}
      onCancel={onClose}
    >
      <Typography.Paragraph>{record.reason}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={action === 'reject' ? '请填写不予批准的理由' : '审批意见（可选）'}
      />
    </Modal>
  );
}

export function AccountabilityPage() {
  const orgId = Number(useParams().orgId);
  const me = useCurrentUser();
  // The 审计管理员 reads the records of their scope here; organisation pages are not theirs.
  const auditor = !me.roles.includes('org_admin') && me.roles.includes('audit_admin');
  const org = useOrg(auditor ? undefined : orgId);
  const [deciding, setDeciding] = useState<{ record: AccRecord; action: 'approve' | 'reject' } | null>(null);
  const q = useQuery({ queryKey: ['accountability', orgId], queryFn: () => respApi.accountability(orgId) });
  const columns = [
    {
      title: '被问责人',
      key: 'person',
      render: (_: unknown, r: AccRecord) => `${r.personName}（${r.orgName}${r.post}）`,
    },
    { title: '方式', dataIndex: 'type' },
    { title: '事由', dataIndex: 'reason', responsive: ['md' as const] },
    {
      title: '提出单位',
      key: 'by',
      responsive: ['lg' as const],
      render: (_: unknown, r: AccRecord) => `${r.proposerOrgName} ${r.proposedOn}`,
    },
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, r: AccRecord) => <Tag color={ACC_COLOR[r.status]}>{r.statusLabel}</Tag>,
    },
    {
      title: '审批',
      key: 'decide',
      render: (_: unknown, r: AccRecord) =>
        r.canDecide ? (
          <Space>
            <Button type="primary" size="small" onClick={() => setDeciding({ record: r, action: 'approve' })}>
              批准
            </Button>
            <Button size="small" onClick={() => setDeciding({ record: r, action: 'reject' })}>
              不予批准
            </Button>
          </Space>
        ) : r.decidedOn ? (
          `${r.decidedName ?? ''} ${r.decidedOn}${r.decisionNote ? `：${r.decisionNote}` : ''}`
        ) : (
          '待上级审批'
        ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="accountability-page">
      <Space wrap>
        {auditor ? (
          <Link to="/admin/audit">‹ 返回审计日志</Link>
        ) : (
          <Link to={`/orgs/${orgId}`}>‹ 返回组织</Link>
        )}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {auditor ? '问责记录（只读）' : `${org.data?.org.name ?? ''} · 问责`}
        </Typography.Title>
      </Space>
      <Typography.Text type="secondary">
        问责记录仅提出单位及其上级党组织可见，被问责人所在组织不可见。
      </Typography.Text>
      {q.isError ? (
        <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>
      ) : (
        <Table
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.data ?? []}
          columns={columns}
          locale={{ emptyText: '暂无问责记录' }}
        />
      )}
      {me.roles.includes('org_admin') && q.data && <ProposeCard orgId={orgId} types={q.data.types} />}
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}
