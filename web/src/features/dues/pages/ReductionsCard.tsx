// 减免 approvals: the branch approves first, then the level above; each sees the ones at its turn.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../components/http';
import {
  REDUCTION_KIND,
  REDUCTION_STATUS,
  duesApi,
  duesKeys,
  monthLabel,
  yuan,
  type Reduction,
} from '../api';

export function ReductionsCard({ orgId }: { orgId: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<Reduction | null>(null);
  const [note, setNote] = useState('');
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
    mutationFn: ({ id, n }: { id: number; n: string }) => duesApi.rejectReduction(id, n),
    onSuccess: () => {
      setRejecting(null);
      setNote('');
      done('已退回');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const columns = [
    { title: '党员', dataIndex: 'name' },
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
        k === 'reduce' ? `减交至每月 ${yuan(r.monthlyFen)} 元` : (REDUCTION_KIND[k] ?? k),
    },
    { title: '理由', dataIndex: 'reason' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: string) => <Tag color={REDUCTION_STATUS[s]?.color}>{REDUCTION_STATUS[s]?.label ?? s}</Tag>,
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r: Reduction) =>
        (r.canApprove ?? r.status.startsWith('pending')) ? (
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
              不同意
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <Card size="small" title="党费减免审批" data-testid="dues-reductions">
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: list.isError ? errorMessage(list.error) : '暂无减免申请' }}
      />
      <Modal
        open={rejecting !== null}
        title={`不同意 · ${rejecting?.name ?? ''}`}
        okText="退回"
        cancelText="取消"
        okButtonProps={{ disabled: !note.trim(), danger: true }}
        confirmLoading={reject.isPending}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && reject.mutate({ id: rejecting.id, n: note.trim() })}
      >
        <Input.TextArea
          aria-label="理由"
          placeholder="请填写理由"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
