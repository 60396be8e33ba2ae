import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage, isApiError } from '../../../components/http';
import { devAdminApi } from '../api';

/** 终止发展: a date and a reason, both kept with the record (and audited on the server). */
export function TerminateModal({
  id,
  name,
  open,
  onClose,
}: {
  id: number;
  name: string;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ on: Dayjs; reason: string }>();
  const save = useMutation({
    mutationFn: (v: { on: Dayjs; reason: string }) =>
      devAdminApi.terminate(id, { on: v.on.format('YYYY-MM-DD'), reason: v.reason }),
    onSuccess: () => {
      void message.success(`已终止${name}的发展程序`);
      void qc.invalidateQueries({ queryKey: ['development'] });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && e.fields)
        form.setFields(
          Object.entries(e.fields).map(([k, v]) => ({ name: k === 'on' ? 'on' : 'reason', errors: [v] })),
        );
      else void message.error(errorMessage(e));
    },
  });
  return (
    <Modal
      open={open}
      title={`终止发展：${name}`}
      okText="确认终止"
      okButtonProps={{
        danger: true,
        loading: save.isPending,
        ...({ 'data-testid': 'terminate-ok' } as Record<`data-${string}`, string>),
      }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="终止后不能再记录步骤；已记录的步骤保留。预备党员取消资格须经支部大会讨论（第23步）并报上级党委审批（第24步）。"
      />
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="on" label="终止日期" rules={[{ required: true, message: '请选择终止日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="终止原因"
          rules={[
            { required: true, min: 2, message: '请填写终止原因（至少2个字）' },
            { max: 500, message: '终止原因不能超过500个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            placeholder="如：本人书面申请撤回入党申请；经考察不具备发展条件"
            data-testid="terminate-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
