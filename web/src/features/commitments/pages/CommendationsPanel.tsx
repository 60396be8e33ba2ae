import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { commendationsApi, type Honour, type Round } from '../commendations-api';

type OpenValues = { title: string; window: [Dayjs, Dayjs] };

function OpenRound({ orgId, year }: { orgId: number; year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpenValues>();
  const open = useMutation({
    mutationFn: (v: OpenValues) =>
      commendationsApi.open({
        orgId,
        year,
        title: v.title,
        nominateFrom: v.window[0].format('YYYY-MM-DD'),
        nominateTo: v.window[1].format('YYYY-MM-DD'),
      }),
    onSuccess: (r) => {
      void message.success(`已发起“${r.title}”，提名期 ${r.nominateFrom} 至 ${r.nominateTo}`);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['commendations'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['title'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Card size="small" title="发起两优一先评选（党委）">
      <Form form={form} layout="inline" onFinish={(v) => open.mutate(v)}>
        <Form.Item name="title" label="评选名称" rules={[{ required: true, message: '请填写评选名称' }]}>
          <Input style={{ width: 260 }} placeholder={`${year}年度“两优一先”评选`} data-testid="round-title" />
        </Form.Item>
        <Form.Item name="window" label="提名期" rules={[{ required: true, message: '请选择提名期' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          发起
        </Button>
      </Form>
    </Card>
  );
}

/** 两优一先 of an organisation: rounds it runs or nominates to, and the year's honour roll. */
export function CommendationsPanel({
  orgId,
  year,
  canOpen,
}: {
  orgId: number;
  year: number;
  canOpen: boolean;
}) {
  const rounds = useQuery({
    queryKey: ['commendations', 'rounds', orgId, year],
    queryFn: () => commendationsApi.rounds(orgId, year),
  });
  const honours = useQuery({
    queryKey: ['commendations', 'honours', orgId, year],
    queryFn: () => commendationsApi.honours(orgId, year),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="commendations-panel">
      {rounds.isError && <Alert type="error" message={errorMessage(rounds.error)} />}
      <Table<Round>
        rowKey="id"
        size="small"
        loading={rounds.isLoading}
        dataSource={rounds.data ?? []}
        pagination={false}
        locale={{ emptyText: `${year}年暂无评选` }}
        columns={[
          {
            title: '评选',
            dataIndex: 'title',
            render: (t: string, r) => <Link to={`/commendations/${r.id}`}>{t}</Link>,
          },
          { title: '发起', dataIndex: 'orgName', responsive: ['md'] },
          {
            title: '提名期',
            key: 'window',
            render: (_: unknown, r) => `${formatDate(r.nominateFrom)} 至 ${formatDate(r.nominateTo)}`,
          },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            render: (s: string, r) => (
              <Space size={4}>
                <Tag
                  color={r.status === 'archived' ? 'default' : r.status === 'publicity' ? 'orange' : 'blue'}
                >
                  {s}
                </Tag>
                {r.nominationOpen && <Tag color="green">可提名</Tag>}
              </Space>
            ),
          },
          {
            title: '公示',
            key: 'publicity',
            responsive: ['lg'],
            render: (_: unknown, r) =>
              r.publicityFrom ? `${formatDate(r.publicityFrom)} 至 ${formatDate(r.publicityEndsOn)}` : '—',
          },
        ]}
      />
      {canOpen && <OpenRound orgId={orgId} year={year} />}
      <Card size="small" title={`${year}年表彰档案`}>
        <Table<Honour>
          rowKey="id"
          size="small"
          loading={honours.isLoading}
          dataSource={honours.data ?? []}
          pagination={{ pageSize: 20 }}
          locale={{ emptyText: '暂无已归档的表彰' }}
          columns={[
            { title: '类别', dataIndex: 'category' },
            { title: '表彰对象', dataIndex: 'nomineeName' },
            { title: '所在组织', dataIndex: 'nomineeOrgName', responsive: ['md'] },
            { title: '评选', dataIndex: 'roundTitle', responsive: ['lg'] },
            { title: '批准日期', dataIndex: 'decidedOn', render: (d: string | null) => formatDate(d) },
          ]}
        />
      </Card>
    </Space>
  );
}
