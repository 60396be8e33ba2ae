import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { rosterApi, type TransferRequest } from '../api';

const STATUS_COLOR: Record<string, string> = {
  open: 'orange',
  converted: 'green',
  declined: 'default',
  withdrawn: 'default',
};

/** 党员本人提交的转接申请: the branch turns one into a transfer (in or out of the system) or declines it. */
export function TransferRequests({ orgId }: { orgId: number }) {
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [declining, setDeclining] = useState<TransferRequest | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['roster', 'transfer-requests', orgId, status],
    queryFn: () => rosterApi.transferRequests(orgId, status),
    enabled: orgId > 0,
  });
  const convert = useMutation({
    mutationFn: (id: number) => rosterApi.convertRequest(id),
    onSuccess: () => {
      void message.success('已转为组织关系转接');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const decline = useMutation({
    mutationFn: (v: { id: number; reason: string }) => rosterApi.declineRequest(v.id, v.reason),
    onSuccess: () => {
      void message.success('已不予办理，党员可在“我的党员档案”看到理由');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      setDeclining(null);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['reason'])) void message.error(errorMessage(e));
    },
  });
  return (
    <div data-testid="roster-transfer-requests" style={{ marginBottom: 24 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          党员转接申请{' '}
          {status === 'open' && q.data && q.data.length > 0 && (
            <Tag color="orange">待办理 {q.data.length}</Tag>
          )}
        </Typography.Title>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            { label: '待办理', value: 'open' },
            { label: '已办理', value: 'closed' },
            { label: '全部', value: 'all' },
          ]}
        />
      </Space>
      <Table<TransferRequest>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          { title: '党员', dataIndex: 'personName', width: 90 },
          { title: '所在党组织', dataIndex: ['org', 'name'] },
          {
            title: '申请转往',
            key: 'to',
            render: (_, r) =>
              r.destination === 'in_system' ? (
                <>
                  {r.toOrg?.name} <Typography.Text type="secondary">{r.toOrg?.code}</Typography.Text>
                </>
              ) : (
                <>
                  {r.otherOrgName} <Tag>系统外</Tag>
                </>
              ),
          },
          { title: '理由', dataIndex: 'reason' },
          {
            title: '提交日期',
            dataIndex: 'createdAt',
            width: 110,
            render: (d: string) => formatDate(d.slice(0, 10)),
          },
          {
            title: '状态',
            key: 'status',
            width: 160,
            render: (_, r) => (
              <>
                <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag>
                {r.declineReason && <Typography.Text type="secondary">{r.declineReason}</Typography.Text>}
              </>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_, r) =>
              r.status === 'open' && (
                <Space>
                  <Popconfirm
                    title={
                      r.destination === 'in_system' ? '发起系统内组织关系转接？' : '开具转出系统外的介绍信？'
                    }
                    onConfirm={() => convert.mutate(r.id)}
                  >
                    <Button size="small" type="primary" data-testid={`request-convert-${r.id}`}>
                      {r.destination === 'in_system' ? '发起转接' : '开介绍信'}
                    </Button>
                  </Popconfirm>
                  <Button
                    size="small"
                    onClick={() => setDeclining(r)}
                    data-testid={`request-decline-${r.id}`}
                  >
                    不予办理
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={declining !== null}
        title={`不予办理 ${declining?.personName ?? ''} 的转接申请`}
        onCancel={() => setDeclining(null)}
        footer={null}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => declining && decline.mutate({ id: declining.id, reason: v.reason })}
        >
          <Form.Item
            name="reason"
            label="理由（党员本人可见）"
            rules={[
              { required: true, message: '请填写不予办理的理由' },
              { max: 200, message: '不超过200字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button
            type="primary"
            danger
            htmlType="submit"
            loading={decline.isPending}
            data-testid="request-decline-submit"
          >
            确认
          </Button>
        </Form>
      </Modal>
    </div>
  );
}
