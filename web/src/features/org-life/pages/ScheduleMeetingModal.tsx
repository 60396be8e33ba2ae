import { Alert, DatePicker, Form, Input, Modal, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../../components/http';
import { MEETING_TYPES, type Meeting } from '../api';
import { useSchedule } from '../hooks';

interface Values {
  type: string;
  title: string;
  heldOn: Dayjs;
  startTime?: Dayjs;
  place?: string;
  agenda?: string;
  speaker?: string;
  topic?: string;
  repeatUntil?: Dayjs;
}

export function ScheduleMeetingModal({ orgId, open, defaultDate, onClose, onCreated }: { orgId: number; open: boolean; defaultDate: string; onClose: () => void; onCreated: (m: Meeting) => void }) {
  const [form] = Form.useForm<Values>();
  const schedule = useSchedule();
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const created = await schedule.mutateAsync({
        orgId, type: v.type, title: v.title.trim(), heldOn: v.heldOn.format('YYYY-MM-DD'),
        ...(v.startTime ? { startTime: v.startTime.format('HH:mm') } : {}),
        ...(v.place ? { place: v.place } : {}), ...(v.agenda ? { agenda: v.agenda } : {}),
        ...(v.speaker ? { speaker: v.speaker } : {}), ...(v.topic ? { topic: v.topic } : {}),
        ...(v.repeatUntil ? { repeatMonthlyUntil: v.repeatUntil.format('YYYY-MM-DD') } : {}),
      });
      form.resetFields();
      onCreated(created[0]!);
    } catch (e) {
      if (isApiError(e) && e.fields) form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name === 'repeatMonthlyUntil' ? 'repeatUntil' : name, errors: [msg] })) as Parameters<typeof form.setFields>[0]);
      setError(errorMessage(e));
    }
  };

  return (
    <Modal title="安排会议" open={open} onCancel={onClose} onOk={() => void submit()} okText="保存" cancelText="取消" confirmLoading={schedule.isPending} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ type: '主题党日', heldOn: dayjs(defaultDate) }}>
        <Form.Item name="type" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select options={MEETING_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="title" label="会议名称" rules={[{ required: true, message: '请填写会议名称' }, { min: 2, message: '会议名称至少2个字' }]}>
          <Input maxLength={100} placeholder="如：十一月主题党日" />
        </Form.Item>
        <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="startTime" label="开始时间">
          <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="会议地点">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="agenda" label="会议议程">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {type === '党课' && (
          <>
            <Form.Item name="speaker" label="主讲人"><Input maxLength={50} /></Form.Item>
            <Form.Item name="topic" label="党课题目"><Input maxLength={200} /></Form.Item>
          </>
        )}
        <Form.Item name="repeatUntil" label="每月同日重复至（可选）" extra="例如主题党日固定每月同一天召开">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
