import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useChangePassword } from '../hooks';

export interface ChangePasswordModalProps {
  open: boolean;
  /** Forced change (initial or expired password): cannot be dismissed until done. */
  forced?: boolean;
  onClose: () => void;
  /** Offered in forced mode, so a user is never trapped. */
  onLogout?: () => void;
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordModal({ open, forced = false, onClose, onLogout }: ChangePasswordModalProps) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setFormError(null);
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success('口令已修改');
      form.resetFields();
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error, FIELDS)) setFormError(errorMessage(error));
    }
  };

  const cancel = () => {
    if (forced) return;
    form.resetFields();
    setFormError(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={forced ? '请修改口令' : '修改口令'}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: !forced }}
      onCancel={cancel}
      destroyOnHidden
      forceRender={false}
      footer={[
        forced ? (
          onLogout ? (
            <Button key="logout" onClick={onLogout}>
              退出登录
            </Button>
          ) : null
        ) : (
          <Button key="cancel" onClick={cancel}>
            取消
          </Button>
        ),
        <Button key="ok" type="primary" loading={change.isPending} onClick={() => form.submit()}>
          确认修改
        </Button>,
      ]}
    >
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="为保障账号安全，首次登录或口令过期后须先修改口令，方可继续使用。"
        />
      )}
      {formError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={formError} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
        <Form.Item
          name="currentPassword"
          label="当前口令"
          rules={[{ required: true, message: '请输入当前口令' }]}
        >
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新口令"
          extra="须符合口令复杂度要求，不能包含用户名，不能与最近用过的口令相同。"
          rules={[{ required: true, message: '请输入新口令' }]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新口令"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新口令' },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新口令不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
