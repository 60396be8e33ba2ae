// 预警转整改: an open alert becomes an item of the 问题清单 with a time limit.
import { useMutation } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { chinaToday } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { problemsApi } from '../api';

export function AlertToProblemModal({
  alert,
  onClose,
  onSaved,
}: {
  alert: { id: number; label: string; subject: string; detail: string };
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; detail: string; deadline: Dayjs }>();
  const today = chinaToday();
  const save = useMutation({
    mutationFn: (v: { title: string; detail: string; deadline: Dayjs }) =>
      problemsApi.fromAlert({
        alertId: alert.id,
        title: v.title,
        detail: v.detail,
        deadline: v.deadline.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      void message.success('已列入问题清单');
      onSaved();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title="转为整改"
      okText="列入问题清单"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: `${alert.label}：${alert.subject}`.slice(0, 200),
          detail: alert.detail,
          deadline: dayjs(today).add(30, 'day'),
        }}
      >
        <Form.Item name="title" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="detail" label="整改要求">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="deadline" label="整改时限" rules={[{ required: true, message: '请选择整改时限' }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
