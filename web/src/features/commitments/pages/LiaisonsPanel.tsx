import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Space, Table, Tag } from 'antd';
import { chinaToday, formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage, http, type Envelope } from '../../../components/http';

interface Liaison {
  id: number;
  committeeName: string;
  personId: number;
  personName: string;
  orgId: number;
  orgName: string;
  validFrom: string;
  validTo: string | null;
  active: boolean;
}

const api = {
  list: (orgId: number) =>
    http.get<Envelope<Liaison[]>>('/api/commitments/liaisons', { query: { orgId } }).then((r) => r.data),
  create: (body: { committeeOrgId: number; personId: number; orgId: number }) =>
    http.post<Envelope<Liaison>>('/api/commitments/liaisons', body),
  end: (id: number, validTo: string) => http.post(`/api/commitments/liaisons/${id}/end`, { validTo }),
};

/** 联系点: which leadership-team member of this 党委 is linked to which organisation below. */
export function LiaisonsPanel({ orgId, isCommittee }: { orgId: number; isCommittee: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personId: number; linkedOrgId: number }>();
  const q = useQuery({ queryKey: ['commitments', 'liaisons', orgId], queryFn: () => api.list(orgId) });
  const done = () => void qc.invalidateQueries({ queryKey: ['commitments', 'liaisons'] });
  const create = useMutation({
    mutationFn: (v: { personId: number; linkedOrgId: number }) =>
      api.create({ committeeOrgId: orgId, personId: v.personId, orgId: v.linkedOrgId }),
    onSuccess: () => {
      void message.success('已设立联系点');
      form.resetFields();
      done();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['personId'])) void message.error(errorMessage(e));
    },
  });
  const end = useMutation({
    mutationFn: (id: number) => api.end(id, chinaToday()),
    onSuccess: () => {
      void message.success('联系点已结束（历史保留）');
      done();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="liaisons-panel">
      {q.isError && <Alert type="error" message={errorMessage(q.error)} />}
      <Table<Liaison>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 30 }}
        locale={{ emptyText: '暂无联系点' }}
        columns={[
          { title: '党委', dataIndex: 'committeeName', responsive: ['md'] },
          { title: '领导班子成员', dataIndex: 'personName' },
          { title: '联系组织', dataIndex: 'orgName' },
          {
            title: '期间',
            key: 'period',
            render: (_: unknown, l) =>
              `${formatDate(l.validFrom)} 至 ${l.validTo ? formatDate(l.validTo) : '今'}`,
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, l) =>
              l.active && l.validTo === null ? (
                <Button size="small" onClick={() => end.mutate(l.id)}>
                  结束
                </Button>
              ) : (
                <Tag>{l.active ? '至结束日' : '已结束'}</Tag>
              ),
          },
        ]}
      />
      {isCommittee && (
        <Card size="small" title="设立联系点">
          <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)}>
            <Form.Item
              name="personId"
              label="领导班子成员（党员ID）"
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="linkedOrgId" label="联系组织ID" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              设立
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
