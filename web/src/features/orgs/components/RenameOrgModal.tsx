import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useRenameOrg } from '../hooks';
import type { Org } from '../types';

export interface RenameOrgModalProps {
  org: Org;
  open: boolean;
  onClose: () => void;
}

interface Values {
  name: string;
  shortName?: string;
}

const FIELDS = ['name', 'shortName'] as const;

export function RenameOrgModal({ org, open, onClose }: RenameOrgModalProps) {
  const [form] = Form.useForm<Values>();
  const rename = useRenameOrg(org.id);
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);

  const close = () => {
    setFormError(null);
    onClose();
  };

  const submit = async (values: Values) => {
    setFormError(null);
    try {
      await rename.mutateAsync({ name: values.name.trim(), shortName: values.shortName?.trim() || null });
      message.success('已更名');
      close();
    } catch (error) {
      if (!applyFieldErrors(form, error, FIELDS)) setFormError(errorMessage(error));
    }
  };

  return (
    <Modal
      open={open}
      title="组织更名"
      okText="保存"
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={rename.isPending}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={formError} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: org.name, shortName: org.shortName ?? '' }}
        preserve={false}
      >
        <Form.Item
          name="name"
          label="组织名称"
          rules={[
            { required: true, whitespace: true, message: '请输入组织名称' },
            { min: 2, message: '组织名称至少2个字' },
          ]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="shortName" label="简称" extra="留空则不设简称">
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
