import { Alert, Form, Modal, type ButtonProps, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';

/** A modal form that submits once, shows the server's field errors on the fields and other errors on top. */
export function FormModal<T extends object>(props: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  fields: readonly string[];
  initialValues?: Partial<T>;
  okText?: string;
  testId: string;
  children: (form: FormInstance<T>) => ReactNode;
}) {
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values);
      form.resetFields();
      props.onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e, props.fields)) setError(errorMessage(e));
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={props.okText ?? '提交'}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${props.testId}-submit` } as ButtonProps}
    >
      <div data-testid={props.testId}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${props.testId}-error`} />}
        <Form form={form} layout="vertical" initialValues={props.initialValues as ButtonProps}>
          {props.children(form)}
        </Form>
      </div>
    </Modal>
  );
}

export const STATUS_COLOR: Record<string, string> = { 正常: 'success', 临近换届: 'warning', 逾期未换届: 'error', 未录入: 'default' };
export const SEVERITY_COLOR: Record<string, string> = { 提示: 'blue', 警告: 'orange', 问题: 'red' };
