import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Progress,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import { MEETING_TYPES, type SeriesListData } from '../api';
import { useIssueSeries, useSeriesDetail, useSeriesList } from '../hooks';

const STATUS: Record<string, { label: string; color: string }> = {
  held: { label: '已召开', color: 'green' },
  scheduled: { label: '未召开', color: 'orange' },
  cancelled: { label: '已取消', color: 'default' },
};

interface IssueForm {
  type?: string;
  theme?: string;
  materials?: string;
  heldOn?: Dayjs;
  deadline?: Dayjs;
  orgIds?: number[];
}

const FIELDS = ['type', 'theme', 'materials', 'heldOn', 'deadline', 'orgIds'];

function IssueSeries({ orgId, branches }: { orgId: number; branches: SeriesListData['branches'] }) {
  const [form] = Form.useForm<IssueForm>();
  const issue = useIssueSeries();
  const { message } = App.useApp();
  const submit = async (v: IssueForm) => {
    try {
      const r = await issue.mutateAsync({
        issuerOrgId: orgId,
        type: v.type ?? '',
        theme: v.theme ?? '',
        ...(v.materials ? { materials: v.materials } : {}),
        heldOn: v.heldOn ? v.heldOn.format('YYYY-MM-DD') : '',
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
        orgIds: v.orgIds ?? [],
      });
      message.success(
        `已下发到${r.created}个党支部${r.skipped.length ? `（${r.skipped.length}个无应到人员未安排）` : ''}`,
      );
      form.resetFields();
    } catch (e) {
      if (isApiError(e) && e.fields) {
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => FIELDS.includes(k))
            .map(([name, msg]) => ({ name: name as keyof IssueForm, errors: [msg] })),
        );
      } else message.error(errorMessage(e));
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label="下发会议通知"
      initialValues={{ type: '主题党日' }}
      onFinish={(v) => void submit(v)}
    >
      <Space wrap align="start">
        <Form.Item name="type" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select style={{ width: 160 }} options={MEETING_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="theme" label="主题" rules={[{ required: true, message: '请填写主题' }]}>
          <Input style={{ width: 300 }} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="heldOn"
          label="建议召开日期"
          rules={[{ required: true, message: '请选择建议召开日期' }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="deadline" label="完成期限" rules={[{ required: true, message: '请选择完成期限' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="orgIds" label="党支部" rules={[{ required: true, message: '请至少选择一个党支部' }]}>
        <Select
          mode="multiple"
          aria-label="党支部"
          allowClear
          maxTagCount={8}
          optionFilterProp="label"
          options={branches.map((b) => ({ value: b.id, label: b.name }))}
          placeholder="选择党支部"
        />
      </Form.Item>
      <Space style={{ marginBottom: 12 }}>
        <Button
          onClick={() =>
            form.setFieldValue(
              'orgIds',
              branches.map((b) => b.id),
            )
          }
        >
          选择全部{branches.length}个党支部
        </Button>
      </Space>
      <Form.Item name="materials" label="学习材料">
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={issue.isPending}>
        下发
      </Button>
    </Form>
  );
}

function Progressed({ id }: { id: number }) {
  const d = useSeriesDetail(id);
  if (d.isLoading) return <Skeleton active />;
  if (d.error) return <Alert type="error" message={errorMessage(d.error)} />;
  const s = d.data!;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {s.materials ? <Alert type="info" message="学习材料" description={s.materials} /> : null}
      <Table
        rowKey="meetingId"
        size="small"
        aria-label="各党支部完成情况"
        dataSource={s.branches}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '党支部',
            dataIndex: 'orgName',
            render: (v: string, r) => <Link to={`/org-life/meetings/${r.meetingId}`}>{v}</Link>,
          },
          { title: '会议日期', dataIndex: 'heldOn', width: 120 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            filters: Object.entries(STATUS).map(([value, s]) => ({ text: s.label, value })),
            onFilter: (v, r) => r.status === v,
            render: (v: string) => <Tag color={STATUS[v]?.color}>{STATUS[v]?.label ?? v}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

/** 上级下发的会议: the series issued in the organisation's subtree with per-branch progress, and the issue form. */
export function SeriesPage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState(Number(params.get('year') ?? chinaToday().slice(0, 4)));
  const list = useSeriesList(orgId, year);
  if (list.error) {
    if (isApiError(list.error) && list.error.status === 403) return <NoPermission homePath="/" />;
    return <Result status="error" title="加载下发会议失败" subTitle={errorMessage(list.error)} />;
  }
  if (list.isLoading || !list.data) return <Skeleton active />;
  const d = list.data.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={`${d.org.name} 上级下发的会议`}
        extra={
          <Space>
            年度
            <InputNumber
              aria-label="年度"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => {
                if (!v) return;
                setYear(v);
                setParams({ year: String(v) }, { replace: true });
              }}
            />
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          aria-label="下发的会议通知"
          dataSource={d.series}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (r) => <Progressed id={r.id} /> }}
          locale={{ emptyText: `${year}年没有下发的会议通知` }}
          columns={[
            { title: '主题', dataIndex: 'theme' },
            { title: '类型', dataIndex: 'type', width: 130 },
            { title: '下发组织', dataIndex: 'issuer', width: 160 },
            { title: '建议日期', dataIndex: 'heldOn', width: 110 },
            {
              title: '完成期限',
              dataIndex: 'deadline',
              width: 130,
              render: (v: string, r) => (
                <Space>
                  {v}
                  {r.overdue ? <Tag color="red">逾期</Tag> : null}
                </Space>
              ),
            },
            {
              title: '完成进度',
              width: 200,
              render: (_, r) => (
                <Progress
                  size="small"
                  percent={r.total ? Math.round((r.done / r.total) * 100) : 0}
                  format={() => `${r.done}/${r.total}`}
                  status={r.overdue ? 'exception' : r.done === r.total ? 'success' : 'active'}
                />
              ),
            },
          ]}
        />
      </Card>
      {list.data.policies?.issue ? (
        <Card size="small" title="下发会议通知">
          <IssueSeries orgId={orgId} branches={d.branches} />
        </Card>
      ) : null}
    </Space>
  );
}
