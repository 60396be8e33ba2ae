// 组织生活会 / 民主生活会 查摆问题 → 问题清单: pick a held meeting of the organisation in view and
// write each problem with its time limit; all are saved or none (the server names the row at fault).
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { chinaToday, formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { problemsApi } from '../api';

interface Values {
  meetingId: number;
  problems: Array<{ title: string; detail?: string; deadline: Dayjs }>;
}

export function MeetingProblemsModal({
  orgId,
  onClose,
  onSaved,
}: {
  orgId: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const today = chinaToday();
  const meetings = useQuery({
    queryKey: ['problems', 'meetings', orgId],
    queryFn: () =>
      problemsApi.selfExaminationMeetings(
        orgId,
        dayjs(today).subtract(400, 'day').format('YYYY-MM-DD'),
        today,
      ),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      problemsApi.fromMeeting({
        meetingId: v.meetingId,
        problems: v.problems.map((p) => ({
          title: p.title,
          ...(p.detail ? { detail: p.detail } : {}),
          deadline: p.deadline.format('YYYY-MM-DD'),
        })),
      }),
    onSuccess: (r) => {
      void message.success(`已列入问题清单 ${r.items.length} 项`);
      onSaved();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const options = (meetings.data ?? []).map((m) => ({
    value: m.id,
    label: `${formatDate(m.heldOn)} ${m.title}`,
  }));
  return (
    <Modal
      open
      title="登记组织生活会查摆问题"
      onCancel={onClose}
      okText="列入问题清单"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      width={Math.min(640, window.innerWidth)}
    >
      {meetings.isSuccess && options.length === 0 && (
        <Alert
          type="info"
          showIcon
          message="本组织近一年没有已召开的组织生活会或民主生活会"
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ problems: [{}] }}>
        <Form.Item name="meetingId" label="会议" rules={[{ required: true, message: '请选择会议' }]}>
          <Select
            options={options}
            loading={meetings.isLoading}
            placeholder="选择已召开的组织生活会或民主生活会"
          />
        </Form.Item>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item
                    name={[f.name, 'title']}
                    label={`问题${i + 1}`}
                    rules={[{ required: true, message: '请填写查摆出的问题' }]}
                  >
                    <Input style={{ width: 220 }} maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'detail']} label="整改措施">
                    <Input style={{ width: 180 }} maxLength={2000} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'deadline']}
                    label="整改时限"
                    rules={[{ required: true, message: '请选择整改时限' }]}
                  >
                    <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="link" onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                      删除
                    </Button>
                  )}
                </Space>
              ))}
              <Button onClick={() => add({})}>再加一条</Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
