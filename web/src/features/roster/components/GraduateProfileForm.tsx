import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Switch } from 'antd';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { rosterApi, type MemberDetail } from '../api';

interface Values {
  graduatedOn: string;
  graduateRetained: boolean;
}

/** 毕业日期 and 毕业后组织关系暂留 on the member record (the graduates list reads them). */
export function GraduateProfileForm({ member }: { member: MemberDetail }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) =>
      rosterApi.updateProfile(member.personId, {
        graduatedOn: v.graduatedOn.trim() || null,
        graduateRetained: v.graduateRetained,
      }),
    onSuccess: () => {
      void message.success('已保存毕业信息');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['graduatedOn', 'graduateRetained']))
        void message.error(errorMessage(e));
    },
  });
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginTop: 12, rowGap: 8 }}
      initialValues={{ graduatedOn: member.graduatedOn ?? '', graduateRetained: member.graduateRetained }}
      onFinish={(v) => save.mutate(v)}
      data-testid="graduate-form"
    >
      <Form.Item
        name="graduatedOn"
        label="毕业日期"
        rules={[{ pattern: /^(\d{4}-\d{2}-\d{2})?$/, message: '格式如2025-07-01' }]}
      >
        <Input placeholder="2025-07-01" style={{ width: 130 }} allowClear />
      </Form.Item>
      <Form.Item name="graduateRetained" label="毕业后组织关系暂留" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>
        保存毕业信息
      </Button>
    </Form>
  );
}
