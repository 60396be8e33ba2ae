import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import {
  COLUMN_TYPE_LABEL,
  KIND_LABEL,
  MODE_LABEL,
  tasksApi,
  type FormColumn,
  type NewTask,
  type TargetMode,
  type TaskKind,
} from '../api';

interface Values {
  title: string;
  content: string;
  kind: TaskKind;
  deadline: string;
  targetMode: TargetMode;
  targetOrgIds?: number[];
  attachmentsText?: string;
  withForm: boolean;
  formColumns?: FormColumn[];
}

/** Attachments as one name or link per line. */
function attachmentsOf(text: string | undefined) {
  return (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/^https?:\/\//.test(s) ? { name: s.split('/').pop() || s, url: s } : { name: s }));
}

/** 下达任务: target picker limited to the subtree; over the 减负 cap, a confirm dialog before resending. */
export function NewTaskForm({ orgId, onDone }: { orgId: number; onDone: () => void }) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('targetMode', form);
  const kind = Form.useWatch('kind', form);
  const withForm = Form.useWatch('withForm', form);
  const choices = useQuery({ queryKey: ['tasks', 'targets', orgId], queryFn: () => tasksApi.targets(orgId) });
  const create = useMutation({
    mutationFn: (input: NewTask) => tasksApi.create(input),
    onSuccess: (r, input) => {
      if (r.warning) {
        modal.confirm({
          title: '超过减负上限',
          content: r.warning.message,
          okText: '确定继续',
          cancelText: '取消',
          onOk: () => create.mutate({ ...input, confirmOverCap: true }),
        });
        return;
      }
      void message.success(`已下达任务“${r.data?.title ?? ''}”`);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      onDone();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['title', 'content', 'kind', 'deadline', 'targetMode', 'targetOrgIds']))
        void message.error(errorMessage(e));
    },
  });
  const submit = (v: Values) =>
    create.mutate({
      issuerOrgId: orgId,
      title: v.title,
      content: v.content,
      kind: v.kind,
      deadline: v.deadline,
      targetMode: v.targetMode,
      targetOrgIds: v.targetMode === 'chosen' ? (v.targetOrgIds ?? []) : [],
      attachments: attachmentsOf(v.attachmentsText),
      ...(v.kind === 'report' && v.withForm && v.formColumns?.length ? { formColumns: v.formColumns } : {}),
      confirmOverCap: false,
    });
  const counts = choices.data?.counts;
  return (
    <Card size="small" title="下达任务">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'task', targetMode: 'children', withForm: false }}
        onFinish={submit}
      >
        <Space wrap>
          <Form.Item name="kind" label="任务类型">
            <Radio.Group
              options={(Object.keys(KIND_LABEL) as TaskKind[]).map((k) => ({
                value: k,
                label: KIND_LABEL[k],
              }))}
            />
          </Form.Item>
          <Form.Item name="deadline" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
            <Input type="date" aria-label="截止日期" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="任务标题" rules={[{ required: true, message: '请填写任务标题' }]}>
          <Input maxLength={100} placeholder="例如：报送第四季度党建工作进展" />
        </Form.Item>
        <Form.Item name="content" label="任务内容" rules={[{ required: true, message: '请填写任务内容' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="targetMode" label="下达范围">
          <Radio.Group
            options={(Object.keys(MODE_LABEL) as TargetMode[]).map((m) => ({
              value: m,
              label:
                m === 'children' && counts
                  ? `${MODE_LABEL[m]}（${counts.children}个）`
                  : m === 'branches' && counts
                    ? `${MODE_LABEL[m]}（${counts.branches}个）`
                    : MODE_LABEL[m],
            }))}
          />
        </Form.Item>
        {mode === 'chosen' && (
          <Form.Item
            name="targetOrgIds"
            label="下达对象"
            rules={[{ required: true, message: '请选择下达对象' }]}
          >
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              loading={choices.isLoading}
              placeholder="选择本组织以下的组织"
              options={(choices.data?.data ?? []).map((o) => ({
                value: o.id,
                label: `${o.name}（${o.kind}）`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="attachmentsText" label="附件（每行一个文件名或链接）">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {kind === 'report' && (
          <Form.Item name="withForm" valuePropName="checked">
            <Checkbox>要求填写Excel报表</Checkbox>
          </Form.Item>
        )}
        {kind === 'report' && withForm && (
          <Form.List name="formColumns" initialValue={[{ name: '', type: 'text', required: true }]}>
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">报表列（接收组织按列填写并上传）</Typography.Text>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写列名' }]}>
                      <Input placeholder="列名，如：参学人数" maxLength={30} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'type']}>
                      <Select
                        style={{ width: 100 }}
                        options={Object.entries(COLUMN_TYPE_LABEL).map(([value, label]) => ({
                          value,
                          label,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked">
                      <Checkbox>必填</Checkbox>
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除此列" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', type: 'text', required: true })}
                >
                  添加列
                </Button>
              </Space>
            )}
          </Form.List>
        )}
        <Button type="primary" htmlType="submit" loading={create.isPending} style={{ marginTop: 12 }}>
          下达
        </Button>
      </Form>
    </Card>
  );
}
