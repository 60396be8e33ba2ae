// 责任清单: items grouped by post holder, progress recording, and adding an item.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useOrgChildren } from '../../orgs/hooks';
import { respApi, STATUS_COLOR, type NewProgress, type RespItem } from '../api';

function ProgressModal({ item, onClose }: { item: RespItem; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewProgress>();
  const save = useMutation({
    mutationFn: (v: NewProgress) => respApi.progress(item.id, v),
    onSuccess: (r) => {
      void message.success(r.status === '已完成' ? '已记录完成' : '已记录进展');
      void qc.invalidateQueries({ queryKey: ['responsibility'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['onDate', 'note', 'evidence'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title={`记录进展：${item.content}`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ onDate: chinaToday(), completes: false }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label="履责情况" rules={[{ required: true, message: '请填写履责情况' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={item.evidenceRequirement ? `佐证材料（要求：${item.evidenceRequirement}）` : '佐证材料'}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder="材料名称、存放位置或编号" />
        </Form.Item>
        <Form.Item name="completes" valuePropName="checked">
          <Checkbox>该事项已完成</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存进展
        </Button>
      </Form>
    </Modal>
  );
}

interface ItemForm {
  holder: string;
  content: string;
  deadline: string;
  evidenceRequirement?: string;
  contactOrgId?: number;
}

function AddItem({
  orgId,
  year,
  holders,
}: {
  orgId: number;
  year: number;
  holders: { personId: number; name: string; post: string }[];
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const children = useOrgChildren(orgId, false);
  const create = useMutation({
    mutationFn: (v: ItemForm) => {
      const [personId, post] = v.holder.split('|');
      return respApi.createItem({
        orgId,
        year,
        personId: Number(personId),
        post: post!,
        content: v.content,
        deadline: v.deadline,
        evidenceRequirement: v.evidenceRequirement ?? '',
        ...(v.contactOrgId ? { contactOrgId: v.contactOrgId } : {}),
      });
    },
    onSuccess: () => {
      void message.success('已列入责任清单');
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['responsibility'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['content', 'deadline', 'evidenceRequirement', 'contactOrgId']))
        void message.error(errorMessage(e));
    },
  });
  return (
    <Card size="small" title="列入责任事项">
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Space wrap>
          <Form.Item name="holder" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
            <Select
              style={{ width: 200 }}
              placeholder="现任班子成员"
              options={holders.map((h) => ({
                value: `${h.personId}|${h.post}`,
                label: `${h.name}（${h.post}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请填写完成时限' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="contactOrgId" label="联系点">
            <Select
              allowClear
              style={{ width: 220 }}
              placeholder="班子成员须指明"
              options={(children.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="evidenceRequirement" label="佐证要求">
            <Input style={{ width: 200 }} maxLength={200} placeholder="例如：会议记录" />
          </Form.Item>
        </Space>
        <Form.Item name="content" label="责任内容" rules={[{ required: true, message: '请填写责任内容' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          列入清单
        </Button>
      </Form>
    </Card>
  );
}

export function ItemsPanel({ orgId, year }: { orgId: number; year: number }) {
  const [editing, setEditing] = useState<RespItem | null>(null);
  const q = useQuery({
    queryKey: ['responsibility', 'items', orgId, year],
    queryFn: () => respApi.items(orgId, year),
  });
  if (q.isError) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const items = q.data?.items ?? [];
  const people = [...new Map(items.map((i) => [`${i.personId}|${i.post}`, i])).values()];
  const columns = [
    { title: '责任内容', dataIndex: 'content' },
    { title: '类别', dataIndex: 'dutyKind', responsive: ['md' as const] },
    {
      title: '联系点',
      dataIndex: 'contactOrgName',
      responsive: ['lg' as const],
      render: (n: string | null) => n ?? '—',
    },
    { title: '完成时限', dataIndex: 'deadline' },
    {
      title: '佐证要求',
      dataIndex: 'evidenceRequirement',
      responsive: ['lg' as const],
      render: (e: string) => e || '—',
    },
    {
      title: '状态',
      dataIndex: 'status',
      // Red only when really overdue: the server derives it from the deadline and completion.
      render: (s: RespItem['status'], i: RespItem) => (
        <Tag color={STATUS_COLOR[s]}>
          {s === '已完成' && i.completedOn ? `已完成（${i.completedOn}）` : s}
        </Tag>
      ),
    },
    {
      title: '进展',
      key: 'progress',
      render: (_: unknown, i: RespItem) => (
        <Space direction="vertical" size={0}>
          {i.progress.slice(-2).map((p) => (
            <Typography.Text key={p.id} type="secondary" style={{ fontSize: 12 }}>
              {p.onDate} {p.note}
              {p.evidence ? `（佐证：${p.evidence}）` : ''}
            </Typography.Text>
          ))}
          {i.status !== '已完成' && (
            <Button size="small" onClick={() => setEditing(i)}>
              记录进展
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {!q.isLoading && people.length === 0 && <Empty description={`${year}年度尚未建立责任清单`} />}
      {people.map((p) => (
        <Card
          key={`${p.personId}|${p.post}`}
          size="small"
          title={`${p.personName} · ${p.post}`}
          extra={<Tag>{p.post === '书记' ? '第一责任人' : '一岗双责'}</Tag>}
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={items.filter((i) => i.personId === p.personId && i.post === p.post)}
          />
        </Card>
      ))}
      {q.data && <AddItem orgId={orgId} year={year} holders={q.data.holders} />}
      {editing && <ProgressModal item={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
