import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { rosterApi, type ExternalCreate, type ExternalTransfer } from '../api';

const SLIP: Record<string, { color: string; label: string }> = {
  pending: { color: 'blue', label: '待回执' },
  overdue: { color: 'red', label: '回执未返回（已过有效期）' },
  returned: { color: 'green', label: '回执已返回' },
};

/** 系统外转接: letters out of the system with their 回执, members received from outside. */
export function ExternalTransfers({ orgId }: { orgId: number }) {
  const [creating, setCreating] = useState(false);
  const [slipFor, setSlipFor] = useState<ExternalTransfer | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['roster', 'external', orgId],
    queryFn: () => rosterApi.external(orgId),
    enabled: orgId > 0,
  });
  const slip = useMutation({
    mutationFn: (v: { id: number; returnedOn: string }) => rosterApi.registerSlip(v.id, v.returnedOn),
    onSuccess: () => {
      void message.success('已登记回执，转出办结');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      setSlipFor(null);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <div data-testid="roster-external" style={{ marginTop: 24 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          系统外转接{' '}
          {q.data && q.data.slipOverdue > 0 && <Tag color="red">回执未返回 {q.data.slipOverdue}</Tag>}
        </Typography.Title>
        <Button onClick={() => setCreating(true)}>开介绍信 / 登记转入</Button>
      </Space>
      <Table<ExternalTransfer>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          { title: '党员', dataIndex: 'personName', width: 90 },
          {
            title: '方向',
            dataIndex: 'direction',
            width: 110,
            render: (d: string) => (d === 'out' ? '转出系统外' : '从系统外转入'),
          },
          { title: '本方党组织', dataIndex: ['org', 'name'] },
          { title: '对方党组织', dataIndex: 'otherOrgName' },
          { title: '介绍信编号', dataIndex: 'letterNumber', width: 190 },
          { title: '有效期至', dataIndex: 'validUntil', width: 110, render: (d: string | null) => d ?? '—' },
          {
            title: '状态',
            key: 'state',
            width: 190,
            render: (_, x) =>
              x.slip ? (
                <Tag color={SLIP[x.slip]!.color}>{SLIP[x.slip]!.label}</Tag>
              ) : (
                <Tag>{x.statusLabel}</Tag>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 180,
            fixed: 'right',
            render: (_, x) =>
              x.direction === 'out' &&
              x.status !== 'cancelled' && (
                <Space size={4}>
                  <Button size="small" href={`/api/roster/external-transfers/${x.id}/letter`} target="_blank">
                    介绍信
                  </Button>
                  {x.status === 'letter_issued' && (
                    <Button size="small" type="primary" onClick={() => setSlipFor(x)}>
                      登记回执
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {creating && <CreateExternalModal orgId={orgId} onClose={() => setCreating(false)} />}
      <Modal
        open={slipFor !== null}
        title={`登记回执：${slipFor?.letterNumber ?? ''}`}
        onCancel={() => setSlipFor(null)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          initialValues={{ returnedOn: chinaToday() }}
          onFinish={(v: { returnedOn: string }) =>
            slipFor && slip.mutate({ id: slipFor.id, returnedOn: v.returnedOn })
          }
        >
          <Form.Item
            name="returnedOn"
            label="回执日期（接收方盖章日期）"
            rules={[{ required: true, message: '请填写回执日期' }]}
          >
            <Input placeholder="2026-11-20" />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            登记后该党员的组织关系自回执日期起转出本系统。
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={slip.isPending}>
            登记
          </Button>
        </Form>
      </Modal>
    </div>
  );
}

function CreateExternalModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const direction = (Form.useWatch('direction', form) as 'out' | 'in' | undefined) ?? 'out';
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
    mutationFn: rosterApi.createExternal,
    onSuccess: (x) => {
      void message.success(x.direction === 'out' ? `已开具介绍信 ${x.letterNumber ?? ''}` : '已登记转入');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      onClose();
    },
    onError: (e) => {
      if (
        !applyFieldErrors(form, e, [
          'personId',
          'otherOrgName',
          'reason',
          'personName',
          'letterNumber',
          'receivedOn',
        ])
      )
        void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title="系统外组织关系转接" onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ direction: 'out', receivedOn: chinaToday() }}
        onFinish={(v: Record<string, string | number>) =>
          create.mutate((v.direction === 'in' ? { ...v, orgId } : v) as ExternalCreate)
        }
      >
        <Form.Item name="direction" label="方向">
          <Segmented
            options={[
              { value: 'out', label: '转出到系统外' },
              { value: 'in', label: '从系统外转入' },
            ]}
          />
        </Form.Item>
        {direction === 'out' ? (
          <>
            <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                placeholder="输入姓名搜索"
                loading={people.isFetching}
                options={(people.data?.page.items ?? []).map((m) => ({
                  value: m.personId,
                  label: `${m.name}（${m.org.name}）`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="otherOrgName"
              label="转入党组织（系统外）"
              rules={[{ required: true, message: '请填写转入党组织' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="reason" label="转接原因" rules={[{ required: true, message: '请填写转接原因' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="personName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item
              name="otherOrgName"
              label="转出党组织（系统外）"
              rules={[{ required: true, message: '请填写转出党组织' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="letterNumber"
              label="介绍信编号"
              rules={[{ required: true, message: '请填写介绍信编号' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="receivedOn"
              label="接收日期"
              rules={[{ required: true, message: '请填写接收日期' }]}
            >
              <Input placeholder="2026-11-20" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {direction === 'out' ? '开具介绍信' : '登记转入'}
        </Button>
      </Form>
    </Modal>
  );
}
