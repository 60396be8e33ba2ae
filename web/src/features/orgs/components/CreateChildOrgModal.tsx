import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useCreateOrg } from '../hooks';
import { ORG_KINDS, ORG_SECTORS, type Org } from '../types';

export interface CreateChildOrgModalProps {
  parent: Org;
  open: boolean;
  onClose: () => void;
}

interface Values {
  code: string;
  name: string;
  shortName?: string;
  kind: string;
  sector: string;
  establishedOn?: string;
}

const FIELDS = ['code', 'name', 'shortName', 'kind', 'sector', 'establishedOn'] as const;

export function CreateChildOrgModal({ parent, open, onClose }: CreateChildOrgModalProps) {
  const [form] = Form.useForm<Values>();
  const create = useCreateOrg();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);

  const close = () => {
    setFormError(null);
    onClose();
  };

  const submit = async (values: Values) => {
    setFormError(null);
    const shortName = values.shortName?.trim();
    try {
      const org = await create.mutateAsync({
        code: values.code.trim(),
        name: values.name.trim(),
        ...(shortName ? { shortName } : {}),
        kind: values.kind,
        sector: values.sector,
        parentId: parent.id,
        ...(values.establishedOn ? { establishedOn: values.establishedOn } : {}),
      });
      message.success(`已新建「${org.name}」`);
      form.resetFields();
      close();
    } catch (error) {
      if (!applyFieldErrors(form, error, FIELDS)) setFormError(errorMessage(error));
    }
  };

  return (
    <Modal
      open={open}
      title="新建下级组织"
      okText="新建"
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <p style={{ color: 'rgba(0,0,0,0.45)', marginTop: 0 }}>上级组织：{parent.name}</p>
      {formError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={formError} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: '党支部', sector: parent.sector }}
        preserve={false}
      >
        <Form.Item
          name="code"
          label="组织编码"
          rules={[
            { required: true, whitespace: true, message: '请输入组织编码' },
            { pattern: /^[A-Za-z0-9_-]+$/, message: '组织编码只能包含字母、数字、下划线和连字符' },
          ]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
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
        <Form.Item name="shortName" label="简称">
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label="组织类别" rules={[{ required: true, message: '请选择组织类别' }]}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="sector" label="所在领域" rules={[{ required: true, message: '请选择所在领域' }]}>
          <Select options={ORG_SECTORS.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="establishedOn" label="成立日期">
          <Input type="date" max={chinaToday()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
