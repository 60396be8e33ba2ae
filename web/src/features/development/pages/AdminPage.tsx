import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage, shouldRetry } from '../../../components/http';
import { useCurrentUser } from '../../auth/hooks';
import { devAdminApi, devApi, type CalendarDay } from '../api';
import { parseId } from '../components/ErrorView';

interface CommitteeQuota {
  orgId: number;
  orgName: string;
  orgCode: string;
  kind: string;
  year: number;
  quota: number | null;
  used: number;
  remaining: number | null;
  canSet: boolean;
}

const thisYear = () => new Date().getFullYear();
const years = () => Array.from({ length: 6 }, (_, i) => thisYear() - 3 + i);

function QuotaEditor({ row, onSaved }: { row: CommitteeQuota; onSaved: () => void }) {
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(row.quota);
  const save = useMutation({
    mutationFn: () => devAdminApi.setQuota(row.orgId, { year: row.year, quota: value ?? 0 }),
    onSuccess: () => {
      void message.success(`已下达${row.orgName}${row.year}年发展名额${value ?? 0}名`);
      onSaved();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space.Compact>
      <InputNumber
        min={0}
        max={10000}
        precision={0}
        value={value}
        onChange={(v) => setValue(v)}
        style={{ width: 100 }}
        aria-label={`${row.orgName}发展名额`}
        data-testid={`quota-input-${row.orgCode}`}
      />
      <Button
        type="primary"
        loading={save.isPending}
        disabled={value === null || value === row.quota}
        onClick={() => save.mutate()}
        data-testid={`quota-save-${row.orgCode}`}
      >
        下达
      </Button>
    </Space.Compact>
  );
}

function QuotasTab({ orgId }: { orgId: number }) {
  const [year, setYear] = useState(thisYear());
  const qc = useQueryClient();
  const key = ['development', 'quotas-all', orgId, year];
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => devApi.quotasAll<CommitteeQuota>(orgId, year, signal),
    retry: shouldRetry,
  });
  const rows = query.data?.data ?? [];
  return (
    <div data-testid="development-quotas">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>年度</span>
        <Select
          value={year}
          onChange={setYear}
          options={years().map((y) => ({ value: y, label: `${y}年` }))}
          style={{ width: 110 }}
        />
        <Typography.Text type="secondary">
          发展名额由上级党委下达到党委（党工委）；上级党委审批接收预备党员（第17步）时占用名额，用完后不能再审批（历史补录除外，列入自查自纠）。
        </Typography.Text>
      </Space>
      {query.error ? <Alert type="error" showIcon title={errorMessage(query.error)} /> : null}
      <Table<CommitteeQuota>
        rowKey="orgId"
        size="small"
        loading={query.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: '党委（党工委）',
            dataIndex: 'orgName',
            render: (n: string, r) => (
              <Space>
                <span>{n}</span>
                <Typography.Text type="secondary">{r.orgCode}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '名额',
            dataIndex: 'quota',
            width: 90,
            render: (q: number | null) => (q === null ? <Tag>未下达</Tag> : q),
          },
          { title: '已审批接收', dataIndex: 'used', width: 110 },
          {
            title: '使用情况',
            width: 200,
            render: (_: unknown, r) =>
              r.quota === null ? (
                '—'
              ) : (
                <Progress
                  percent={r.quota === 0 ? 100 : Math.round((r.used / r.quota) * 100)}
                  size="small"
                  status={r.used > r.quota ? 'exception' : r.remaining === 0 ? 'success' : 'active'}
                  format={() => `余${r.remaining}`}
                />
              ),
          },
          {
            title: '下达名额',
            width: 200,
            render: (_: unknown, r) =>
              r.canSet ? (
                <QuotaEditor
                  key={`${r.orgId}-${r.year}-${r.quota}`}
                  row={r}
                  onSaved={() => void qc.invalidateQueries({ queryKey: ['development'] })}
                />
              ) : (
                <Typography.Text type="secondary">由上级下达</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}

const KIND_LABEL: Record<CalendarDay['kind'], string> = { holiday: '放假', workday: '调休上班' };

function CalendarTab({ canEdit }: { canEdit: boolean }) {
  const [year, setYear] = useState(thisYear());
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{
    range: [Dayjs, Dayjs];
    kind: CalendarDay['kind'];
    name: string;
    source: string;
  }>();
  const query = useQuery({
    queryKey: ['development', 'calendar', year],
    queryFn: ({ signal }) => devAdminApi.calendar(year, signal),
    retry: shouldRetry,
  });
  const save = useMutation({
    mutationFn: (v: { range: [Dayjs, Dayjs]; kind: CalendarDay['kind']; name: string; source: string }) => {
      const days: { date: string; kind: CalendarDay['kind']; name: string }[] = [];
      for (let d = v.range[0]; !d.isAfter(v.range[1], 'day'); d = d.add(1, 'day'))
        days.push({ date: d.format('YYYY-MM-DD'), kind: v.kind, name: v.name });
      return devAdminApi.putCalendar({ days, source: v.source });
    },
    onSuccess: (r) => {
      void message.success(`已保存${r.data.updated}天`);
      form.resetFields(['range']);
      void qc.invalidateQueries({ queryKey: ['development', 'calendar'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const days = query.data?.data ?? [];
  return (
    <div data-testid="development-calendar">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>年度</span>
        <Select
          value={year}
          onChange={setYear}
          options={years().map((y) => ({ value: y, label: `${y}年` }))}
          style={{ width: 110 }}
        />
        <Typography.Text type="secondary">
          公示期按工作日计算：周一至周五，去掉法定节假日，加上调休上班日。
        </Typography.Text>
      </Space>
      {!query.isLoading && days.length === 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          title={`${year}年的节假日安排尚未录入`}
          description="未录入时只按周一至周五计算工作日；国务院办公厅公布当年安排后，请系统管理员补录。"
          data-testid="calendar-missing"
        />
      )}
      {canEdit && (
        <Card size="small" title="补录或更正节假日安排（系统管理员）" style={{ marginBottom: 12 }}>
          <Form
            form={form}
            layout="inline"
            onFinish={(v) => save.mutate(v)}
            initialValues={{ kind: 'holiday' }}
            style={{ rowGap: 8 }}
          >
            <Form.Item
              name="range"
              label="日期"
              rules={[{ required: true, message: '请选择日期（可选一段）' }]}
            >
              <DatePicker.RangePicker data-testid="calendar-range" />
            </Form.Item>
            <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'holiday', label: '放假' },
                  { value: 'workday', label: '调休上班' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="name"
              label="名称"
              rules={[{ required: true, message: '请填写名称，如“春节”' }, { max: 50 }]}
            >
              <Input style={{ width: 140 }} placeholder="如：春节" data-testid="calendar-name" />
            </Form.Item>
            <Form.Item
              name="source"
              label="来源"
              rules={[{ required: true, message: '请填写来源文件' }, { max: 200 }]}
            >
              <Input
                style={{ width: 280 }}
                placeholder="如：国务院办公厅关于2027年部分节假日安排的通知"
                data-testid="calendar-source"
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="calendar-save">
                保存
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        loading={query.isLoading}
        dataSource={days}
        pagination={{ pageSize: 40, hideOnSinglePage: true }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 120 },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 100,
            render: (k: CalendarDay['kind']) => (
              <Tag color={k === 'holiday' ? 'red' : 'blue'}>{KIND_LABEL[k]}</Tag>
            ),
          },
          { title: '名称', dataIndex: 'name', width: 160 },
          { title: '来源', dataIndex: 'source' },
        ]}
      />
    </div>
  );
}

/** 发展名额 and the working-day calendar. */
export function AdminPage() {
  const params = useParams();
  const me = useCurrentUser();
  const orgId = parseId(params.orgId) ?? me.scope.orgId;
  const isSysAdmin = me.roles.includes('system_admin');
  return (
    <div style={{ maxWidth: 1100 }}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={`/orgs/${orgId}/development`}>发展党员</Link> },
          { title: '发展名额与工作日历' },
        ]}
      />
      <Typography.Title level={4}>发展名额与工作日历</Typography.Title>
      <Tabs
        defaultActiveKey={isSysAdmin ? 'calendar' : 'quotas'}
        items={[
          { key: 'quotas', label: '年度发展名额', children: <QuotasTab orgId={orgId} /> },
          { key: 'calendar', label: '工作日历', children: <CalendarTab canEdit={isSysAdmin} /> },
        ]}
      />
    </div>
  );
}
