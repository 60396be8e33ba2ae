import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { chinaToday, formatDate } from '../../../components/dates';
import { showFormError } from '../../../components/form-errors';
import {
  rosterApi,
  rosterKeys,
  type Discipline,
  type EndDisciplineInput,
  type MemberDetail,
  type RecordDisciplineInput,
} from '../api';

const STATUS_COLOR: Record<Discipline['status'], string> = {
  执行中: 'red',
  未开始: 'orange',
  已期满: 'gold',
  已恢复党员权利: 'green',
  已撤销: 'default',
};

/** 留党察看 on the member's record: the records, and for those who may write, record and end. */
export function DisciplineCard({ member, canWrite }: { member: MemberDetail; canWrite: boolean }) {
  const [recording, setRecording] = useState(false);
  const [ending, setEnding] = useState<Discipline | null>(null);
  const records = member.discipline ?? [];
  const open = records.some((d) => !d.endOutcome);
  if (records.length === 0 && !canWrite) return null;
  return (
    <div data-testid="member-discipline" style={{ marginTop: 16 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          留党察看
        </Typography.Title>
        {canWrite && !open && (
          <Button size="small" onClick={() => setRecording(true)} data-testid="discipline-record-open">
            登记留党察看
          </Button>
        )}
      </Space>
      {records.length === 0 ? (
        <Typography.Text type="secondary">无</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={records}
          renderItem={(d) => (
            <List.Item
              data-testid={`discipline-${d.id}`}
              actions={
                canWrite && !d.endOutcome
                  ? [
                      <Button
                        key="end"
                        size="small"
                        onClick={() => setEnding(d)}
                        data-testid="discipline-end-open"
                      >
                        {d.status === '已期满' ? '恢复党员权利' : '提前结束'}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>
                      {formatDate(d.startOn)} — {formatDate(d.endOn)}
                    </span>
                    <Tag color={STATUS_COLOR[d.status]}>{d.status}</Tag>
                  </Space>
                }
                description={
                  <>
                    <div>处分决定：{d.decisionNo}</div>
                    {d.reason && <div>事由：{d.reason}</div>}
                    {d.endOutcome && (
                      <div>
                        {formatDate(d.endedOn)}
                        {d.endOutcome}
                        {d.endNote ? `（${d.endNote}）` : ''}
                      </div>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {recording && <RecordModal personId={member.personId} onClose={() => setRecording(false)} />}
      {ending && <EndModal personId={member.personId} record={ending} onClose={() => setEnding(null)} />}
    </div>
  );
}

interface RecordForm {
  startOn: Dayjs;
  years: 1 | 2;
  decisionNo: string;
  reason?: string;
}

function RecordModal({ personId, onClose }: { personId: number; onClose: () => void }) {
  const [form] = Form.useForm<RecordForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: RecordDisciplineInput) => rosterApi.recordDiscipline(personId, body),
    onSuccess: () => {
      void message.success('已登记留党察看');
      void queryClient.invalidateQueries({ queryKey: rosterKeys.member(personId) });
      onClose();
    },
    onError: (e) =>
      showFormError(
        form,
        e,
        ['startOn', 'years', 'endOn', 'decisionNo', 'reason'],
        (t) => void message.error(t),
      ),
  });
  return (
    <Modal
      open
      title="登记留党察看"
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<RecordForm>
        form={form}
        layout="vertical"
        initialValues={{ years: 1, startOn: dayjs(chinaToday()) }}
        onFinish={(v) =>
          save.mutate({
            kind: '留党察看',
            startOn: v.startOn.format('YYYY-MM-DD'),
            years: v.years,
            decisionNo: v.decisionNo,
            ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          })
        }
      >
        <Form.Item
          name="startOn"
          label="开始日期（处分决定生效之日）"
          rules={[{ required: true, message: '请选择开始日期' }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="years" label="期限">
          <Radio.Group
            optionType="button"
            options={[
              { value: 1, label: '一年' },
              { value: 2, label: '二年' },
            ]}
          />
        </Form.Item>
        <Form.Item shouldUpdate noStyle>
          {() => {
            const start = form.getFieldValue('startOn') as Dayjs | undefined;
            const years = form.getFieldValue('years') as number | undefined;
            return start && years ? (
              <Typography.Paragraph type="secondary">
                至{formatDate(start.add(years, 'year').format('YYYY-MM-DD'))}
                期满；察看期间没有表决权、选举权和被选举权。
              </Typography.Paragraph>
            ) : null;
          }}
        </Form.Item>
        <Form.Item
          name="decisionNo"
          label="处分决定文号"
          rules={[{ required: true, message: '请填写处分决定文号' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label="处分事由">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EndForm {
  on: Dayjs;
  outcome: EndDisciplineInput['outcome'];
  note?: string;
}

function EndModal({
  personId,
  record,
  onClose,
}: {
  personId: number;
  record: Discipline;
  onClose: () => void;
}) {
  const [form] = Form.useForm<EndForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const expired = record.status === '已期满';
  const save = useMutation({
    mutationFn: (body: EndDisciplineInput) => rosterApi.endDiscipline(personId, record.id, body),
    onSuccess: () => {
      void message.success('留党察看已结束');
      void queryClient.invalidateQueries({ queryKey: rosterKeys.member(personId) });
      onClose();
    },
    onError: (e) => showFormError(form, e, ['on', 'outcome', 'note'], (t) => void message.error(t)),
  });
  return (
    <Modal
      open
      title={expired ? '期满恢复党员权利' : '提前结束留党察看'}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<EndForm>
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs(chinaToday()), outcome: expired ? '恢复党员权利' : '撤销处分' }}
        onFinish={(v) =>
          save.mutate({
            on: v.on.format('YYYY-MM-DD'),
            outcome: v.outcome,
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          })
        }
      >
        <Typography.Paragraph type="secondary">
          留党察看至{formatDate(record.endOn)}
          期满。期满前只能因处分决定被撤销（申诉、复查）而结束；期满后恢复党员权利。
        </Typography.Paragraph>
        <Form.Item name="outcome" label="结束方式">
          <Radio.Group
            options={[
              { value: '撤销处分', label: '撤销处分', disabled: expired },
              { value: '恢复党员权利', label: '恢复党员权利', disabled: !expired },
            ]}
          />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
