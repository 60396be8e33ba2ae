// 缴费基数: the branch's declarations (entered here, declared by members, imported from Excel);
// a member's own declaration waits for the branch's 确认.
import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { showDuesError } from '../form';
import { errorMessage, isApiError } from '../../../components/http';
import { useCurrentUser } from '../../auth/hooks';
import { useOrg } from '../../orgs/hooks';
import { rosterApi } from '../../roster/api';
import {
  BASE_SOURCE,
  BASE_STATUS,
  CATEGORY_LABELS,
  FIXED_CATEGORIES,
  duesApi,
  duesKeys,
  fenOf,
  monthLabel,
  yuan,
  type Base,
} from '../api';
import { MonthInput } from '../DateInputs';

interface Values {
  personId: number;
  category: string;
  base: string;
  effectiveMonth: string;
  note: string;
}

function DeclareForm({ orgId }: { orgId: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const members = useQuery({
    queryKey: ['dues', 'members', orgId],
    queryFn: () => rosterApi.members(orgId, {}, null, 200),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      duesApi.declare({
        orgId,
        personId: v.personId,
        category: v.category,
        baseFen: FIXED_CATEGORIES.includes(v.category) ? null : (fenOf(v.base ?? '') ?? -1),
        effectiveMonth: v.effectiveMonth,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: () => {
      void message.success('已保存缴费基数');
      form.resetFields(['personId', 'base', 'note']);
      void qc.invalidateQueries({ queryKey: duesKeys.all });
    },
    onError: (e) => {
      showDuesError(
        form,
        e,
        {
          personId: 'personId',
          category: 'category',
          baseFen: 'base',
          effectiveMonth: 'effectiveMonth',
          note: 'note',
        },
        (t) => void message.error(t),
      );
    },
  });
  return (
    <Card size="small" title="录入缴费基数">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ category: 'in_service', effectiveMonth: chinaToday().slice(0, 7) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Space wrap align="start">
          <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 160 }}
              loading={members.isLoading}
              options={(members.data?.page.items ?? []).map((m) => ({ value: m.personId, label: m.name }))}
            />
          </Form.Item>
          <Form.Item name="category" label="类别">
            <Select
              style={{ width: 170 }}
              options={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          {!FIXED_CATEGORIES.includes(category ?? '') && (
            <Form.Item
              name="base"
              label={category === 'no_income' ? '上季度月平均收入（元）' : '月工资收入基数（元，税后）'}
              rules={[
                {
                  validator: (_, v: string) =>
                    fenOf(v ?? '') !== null
                      ? Promise.resolve()
                      : Promise.reject(new Error('请填写基数，最多两位小数')),
                },
              ]}
            >
              <Input inputMode="decimal" style={{ width: 200 }} />
            </Form.Item>
          )}
          <Form.Item
            name="effectiveMonth"
            label="起始月份"
            rules={[{ required: true, message: '请选择起始月份' }]}
          >
            <MonthInput />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={200} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

function ImportCard({ orgId }: { orgId: number }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<{ message: string; rows: string[] } | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => duesApi.importBases(orgId, file, me.csrfToken),
    onSuccess: (r) => {
      setError(null);
      void message.success(`已导入 ${r.imported} 条缴费基数`);
      void qc.invalidateQueries({ queryKey: duesKeys.all });
    },
    // All or nothing: the server names every bad row; nothing was written.
    onError: (e) =>
      setError({
        message: errorMessage(e),
        rows:
          isApiError(e) && e.fields
            ? Object.entries(e.fields).map(([k, v]) => `${k.replace('.', ' ')}：${v}`)
            : [],
      }),
  });
  return (
    <Card size="small" title="Excel导入">
      <Typography.Paragraph type="secondary">
        表头：姓名、所在组织、党员类别、月缴费基数（元）、起始月份（如
        2026-01）、备注。任何一行有误则整表不导入。
      </Typography.Paragraph>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(f) => {
          upload.mutate(f);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<CloudUploadOutlined />} loading={upload.isPending}>
          选择文件并导入
        </Button>
      </Upload>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          message={error.message}
          description={
            error.rows.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {error.rows.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid="dues-import-error"
        />
      )}
    </Card>
  );
}

export function BasesPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const bases = useQuery({ queryKey: duesKeys.bases(orgId), queryFn: () => duesApi.bases(orgId) });
  const confirm = useMutation({
    mutationFn: (id: number) => duesApi.confirm(id),
    onSuccess: () => {
      void message.success('已确认');
      void qc.invalidateQueries({ queryKey: duesKeys.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (bases.isError) return <Result status="warning" title={errorMessage(bases.error)} />;
  const rows = bases.data?.rows ?? [];
  const pending = rows.filter((b) => b.status === 'pending');
  const without = bases.data?.withoutBase ?? [];
  const columns = [
    { title: '姓名', dataIndex: 'name' },
    { title: '类别', dataIndex: 'category', render: (c: string) => CATEGORY_LABELS[c] ?? c },
    {
      title: '基数（元）',
      dataIndex: 'baseFen',
      render: (f: number | null) => (f === null ? '定额' : yuan(f)),
    },
    { title: '起始月份', dataIndex: 'effectiveMonth', render: monthLabel },
    {
      title: '来源',
      dataIndex: 'source',
      responsive: ['md' as const],
      render: (s: string) => BASE_SOURCE[s] ?? s,
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: string) => <Tag color={BASE_STATUS[s]?.color}>{BASE_STATUS[s]?.label ?? s}</Tag>,
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, b: Base) =>
        b.status === 'pending' ? (
          <Button
            size="small"
            type="primary"
            onClick={() => confirm.mutate(b.id)}
            loading={confirm.isPending}
          >
            确认
          </Button>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="dues-bases">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 缴费基数
        </Typography.Title>
        <Link to={`/orgs/${orgId}/dues`}>返回党费台账</Link>
      </Space>
      {pending.length > 0 && (
        <Card size="small" title={`待确认的本人申报（${pending.length}）`}>
          <Table rowKey="id" size="small" dataSource={pending} columns={columns} pagination={false} />
        </Card>
      )}
      {without.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`尚未确认缴费基数的党员 ${without.length} 名`}
          description={without
            .slice(0, 30)
            .map((w) => w.name)
            .join('、')
            .concat(without.length > 30 ? '等' : '')}
        />
      )}
      <DeclareForm orgId={orgId} />
      <ImportCard orgId={orgId} />
      <Table
        rowKey="id"
        loading={bases.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无缴费基数' }}
      />
    </Space>
  );
}
