import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday, formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { rosterApi, type CommunityRegistration, type VolunteerServiceRecord } from '../api';

/**
 * 报到结束 (moved house, changed job): the member's own branch ends the registration; the member
 * record's 到社区报到 flag is cleared with it.
 */
export function EndRegistrationModal({ r, onClose }: { r: CommunityRegistration; onClose: () => void }) {
  const [form] = Form.useForm<{ endedOn: string; reason: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: (v: { endedOn: string; reason: string }) => rosterApi.endCommunity(r.id, v),
    onSuccess: () => {
      void message.success('已结束社区报到');
      void queryClient.invalidateQueries({ queryKey: ['roster'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['endedOn', 'reason'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title={`报到结束 · ${r.personName}`} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {r.communityOrg.name}，{formatDate(r.registeredOn)}
        报到。结束后不能再记录志愿服务，已记录的服务时长保留。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ endedOn: chinaToday() }}
        onFinish={(v) => end.mutate(v)}
      >
        <Form.Item name="endedOn" label="结束日期" rules={[{ required: true, message: '请填写结束日期' }]}>
          <Input type="date" min={r.registeredOn} max={chinaToday()} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="结束原因"
          rules={[{ required: true, whitespace: true, message: '请填写结束原因' }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如 搬家迁居其他社区、工作变动" />
        </Form.Item>
        <Button
          type="primary"
          danger
          htmlType="submit"
          loading={end.isPending}
          data-testid="community-end-submit"
        >
          确认结束
        </Button>
      </Form>
    </Modal>
  );
}

type ServiceValues = { servedOn: string; activity: string; hours: number };

/** 更正 and 删除 of one service record (community side). */
export function ServiceRecordActions({
  registrationId,
  record,
}: {
  registrationId: number;
  record: VolunteerServiceRecord;
}) {
  const [editing, setEditing] = useState(false);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => rosterApi.deleteService(registrationId, record.id),
    onSuccess: () => {
      void message.success('已删除志愿服务记录');
      void queryClient.invalidateQueries({ queryKey: ['roster', 'community'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space size={4}>
      <Button
        size="small"
        type="link"
        onClick={() => setEditing(true)}
        data-testid={`service-edit-${record.id}`}
      >
        更正
      </Button>
      <Popconfirm
        title="删除这条志愿服务记录？"
        description="用于删除误录的记录，删除会留痕。"
        okText="删除"
        cancelText="取消"
        okButtonProps={{ danger: true, loading: remove.isPending }}
        onConfirm={() => remove.mutate()}
      >
        <Button size="small" type="link" danger>
          删除
        </Button>
      </Popconfirm>
      {editing && (
        <EditServiceModal registrationId={registrationId} record={record} onClose={() => setEditing(false)} />
      )}
    </Space>
  );
}

function EditServiceModal({
  registrationId,
  record,
  onClose,
}: {
  registrationId: number;
  record: VolunteerServiceRecord;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ServiceValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: ServiceValues) => rosterApi.updateService(registrationId, record.id, v),
    onSuccess: () => {
      void message.success('已更正志愿服务记录');
      void queryClient.invalidateQueries({ queryKey: ['roster', 'community'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['servedOn', 'activity', 'hours'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title="更正志愿服务记录" onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ servedOn: record.servedOn, activity: record.activity, hours: record.hours }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="servedOn" label="服务日期" rules={[{ required: true, message: '请填写服务日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="activity"
          label="服务内容"
          rules={[
            { required: true, message: '请填写服务内容' },
            { min: 2, message: '至少2个字' },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="hours"
          label="时长（小时，0.5至24，按半小时计）"
          rules={[{ required: true, message: '请填写时长' }]}
        >
          <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Modal>
  );
}
