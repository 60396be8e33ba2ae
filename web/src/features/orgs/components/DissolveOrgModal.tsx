import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useDissolveOrg } from '../hooks';
import type { Org } from '../types';

export interface DissolveOrgModalProps {
  org: Org;
  open: boolean;
  onClose: () => void;
}

interface Values {
  dissolvedOn: string;
  reason: string;
}

const FIELDS = ['dissolvedOn', 'reason'] as const;

export function DissolveOrgModal({ org, open, onClose }: DissolveOrgModalProps) {
  const [form] = Form.useForm<Values>();
  const dissolve = useDissolveOrg(org.id);
  const { message, modal } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);

  const close = () => {
    setFormError(null);
    onClose();
  };

  const perform = async (values: Values) => {
    try {
      await dissolve.mutateAsync({ dissolvedOn: values.dissolvedOn, reason: values.reason.trim() });
      message.success(`已撤销「${org.name}」`);
      close();
    } catch (error) {
      if (!applyFieldErrors(form, error, FIELDS)) setFormError(errorMessage(error));
    }
  };

  const submit = (values: Values) => {
    setFormError(null);
    modal.confirm({
      title: `确认撤销「${org.name}」？`,
      content: '撤销后该组织不再出现在组织树中，不能再更名或新建下级组织。此操作将记入审计日志。',
      okText: '确认撤销',
      okButtonProps: { danger: true },
      cancelText: '再想想',
      onOk: () => perform(values),
    });
  };

  return (
    <Modal
      open={open}
      title="撤销组织"
      okText="撤销"
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={dissolve.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="撤销前须先撤销或转出全部下级组织，并转出全部党员。"
      />
      {formError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={formError} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ dissolvedOn: chinaToday() }}
        preserve={false}
      >
        <Form.Item
          name="dissolvedOn"
          label="撤销日期"
          rules={[{ required: true, message: '请选择撤销日期' }]}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="撤销原因"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { min: 2, message: '请填写撤销原因' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
