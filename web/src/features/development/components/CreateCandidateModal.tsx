import { Alert, Checkbox, Form, Input, Modal, message } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { showFormError } from '../../../components/form-errors';
import { useCreateCandidate } from '../hooks';

interface Values {
  name: string;
  idNumber: string;
  appliedOn: string;
  asHistory: boolean;
  note?: string;
}

export function CreateCandidateModal({
  orgId,
  open,
  onClose,
}: {
  orgId: number;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const create = useCreateCandidate(orgId);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      const res = await create.mutateAsync({
        ...values,
        asHistory: !!values.asHistory,
        name: values.name.trim(),
        idNumber: values.idNumber.trim(),
      });
      if (res.data.findings.length > 0)
        void message.warning(
          `已作为历史记录登记，自查自纠将列出：${res.data.findings.map((f) => f.detail).join('；')}`,
        );
      else void message.success('已登记入党申请人');
      form.resetFields();
      onClose();
      void navigate(`/development/candidates/${res.data.candidate.id}`);
    } catch (e) {
      showFormError(form, e, ['name', 'idNumber', 'appliedOn', 'note'], setError);
    }
  };
  return (
    <Modal
      title="登记入党申请人（第1步 递交入党申请书）"
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ appliedOn: chinaToday(), asHistory: false }}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="公民身份号码"
          rules={[{ required: true, message: '请输入公民身份号码' }]}
          extra="用于核验递交申请书时是否年满18周岁；号码无效时不能登记。"
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item
          name="appliedOn"
          label="递交申请书日期"
          rules={[{ required: true, message: '请输入日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="asHistory"
          valuePropName="checked"
          extra="补录历史材料时勾选：不符合规定的记录也会保存，但会列入自查自纠。"
        >
          <Checkbox>作为历史记录补录</Checkbox>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
