// Organiser's tools on a campaign page: 述职顺序, 纸质选票 entered by a teller, 约谈 records.
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { evaluationApi, SECRETARY_GRADES, type CampaignDetail, type Subject } from '../api';

export function OrderModal({ c, onClose }: { c: CampaignDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [order, setOrder] = useState<Subject[]>(
    [...c.subjects].sort((a, b) => a.reportOrder - b.reportOrder),
  );
  const save = useMutation({
    mutationFn: () =>
      evaluationApi.setOrder(
        c.id,
        order.map((s) => s.id),
      ),
    onSuccess: () => {
      void message.success('述职顺序已保存');
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const move = (i: number, d: -1 | 1) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    setOrder(next);
  };
  return (
    <Modal
      open
      title="调整述职顺序"
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText="保存顺序"
      confirmLoading={save.isPending}
    >
      <List
        size="small"
        dataSource={order}
        renderItem={(s, i) => (
          <List.Item
            data-testid="order-item"
            actions={[
              <Button
                key="up"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={`上移${s.name}`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              />,
              <Button
                key="down"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={`下移${s.name}`}
                disabled={i === order.length - 1}
                onClick={() => move(i, 1)}
              />,
            ]}
          >
            {i + 1}. {s.name}（{s.orgName}）
          </List.Item>
        )}
      />
    </Modal>
  );
}

/** A teller enters one paper ballot: a grade per secretary (blank = 弃权 for that person). */
export function PaperBallotModal({ c, onClose }: { c: CampaignDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [marks, setMarks] = useState<Record<string, string>>({});
  const [entered, setEntered] = useState(0);
  const save = useMutation({
    mutationFn: () => evaluationApi.paperBallot(c.voting!.boxId, marks),
    onSuccess: () => {
      setEntered((n) => n + 1);
      setMarks({});
      void message.success('纸质选票已录入');
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title="计票人录入纸质选票"
      onCancel={onClose}
      footer={[
        <Typography.Text key="n" type="secondary" style={{ marginRight: 12 }}>
          本次已录入{entered}张
        </Typography.Text>,
        <Button key="close" onClick={onClose}>
          完成
        </Button>,
        <Button
          key="save"
          type="primary"
          disabled={Object.keys(marks).length === 0}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="paper-save"
        >
          录入这张选票
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        按纸质选票逐人选择等次；未填写的视为对该人弃权。录入后不保存录入顺序，与电子选票一同计票。
      </Typography.Paragraph>
      {[...c.subjects]
        .sort((a, b) => a.reportOrder - b.reportOrder)
        .map((s) => (
          <div key={s.id} style={{ marginBottom: 8 }} data-testid="paper-subject">
            <Typography.Text strong style={{ display: 'inline-block', width: 96 }}>
              {s.name}
            </Typography.Text>
            <Radio.Group
              value={marks[String(s.id)]}
              onChange={(e) => setMarks({ ...marks, [String(s.id)]: e.target.value as string })}
              options={SECRETARY_GRADES.map((g) => ({ label: g, value: g }))}
              optionType="button"
              size="small"
            />
          </div>
        ))}
    </Modal>
  );
}

type Interview = CampaignDetail['interviews'][number];

function InterviewModal({ i, name, onClose }: { i: Interview; name: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ heldOn: { format: (f: string) => string }; notes: string }>();
  const save = useMutation({
    mutationFn: (v: { heldOn: { format: (f: string) => string }; notes: string }) =>
      evaluationApi.recordInterview(i.id, v.heldOn.format('YYYY-MM-DD'), v.notes),
    onSuccess: () => {
      void message.success('约谈记录已保存');
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['heldOn', 'notes'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={`约谈${name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存约谈记录"
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph type="secondary">约谈原因：综合评价为“{i.reason}”</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ notes: i.notes ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="heldOn" label="约谈日期" rules={[{ required: true, message: '请选择约谈日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="notes" label="约谈记录" rules={[{ required: true, message: '请填写约谈记录' }]}>
          <Input.TextArea rows={6} placeholder="指出的问题、本人表态、整改要求" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 约谈 after 一般 / 差: who, why, whether held, and the record. */
export function InterviewsCard({ c, canRecord }: { c: CampaignDetail; canRecord: boolean }) {
  const [editing, setEditing] = useState<Interview | null>(null);
  const nameOf = (i: Interview) => c.subjects.find((s) => s.id === i.subjectId)?.name ?? '';
  if (c.interviews.length === 0) return null;
  return (
    <Card size="small" title="约谈记录">
      <Table<Interview>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.interviews}
        scroll={{ x: true }}
        columns={[
          { title: '约谈对象', render: (_, i) => nameOf(i) },
          { title: '原因', dataIndex: 'reason', render: (r: string) => <Tag color="orange">{r}</Tag> },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string) => (s === 'held' ? <Tag color="green">已约谈</Tag> : <Tag>待约谈</Tag>),
          },
          { title: '日期', dataIndex: 'heldOn', render: (d: string | null | undefined) => d ?? '—' },
          {
            title: '记录',
            dataIndex: 'notes',
            render: (n: string | null | undefined) =>
              n ? (
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }}>{n}</Typography.Paragraph>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            render: (_, i) =>
              canRecord ? (
                <Space>
                  <Button size="small" onClick={() => setEditing(i)} data-testid="record-interview">
                    {i.status === 'held' ? '修改记录' : '记录约谈'}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {editing && <InterviewModal i={editing} name={nameOf(editing)} onClose={() => setEditing(null)} />}
    </Card>
  );
}
