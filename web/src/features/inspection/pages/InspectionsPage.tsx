import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Result,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { showFormError } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { useOrg } from '../../orgs/hooks';
import { inspectionApi, PLAN_KINDS, type NewPlan, type PlanRow } from '../api';
import { OrgTreeSelect } from './OrgTreeSelect';

interface PlanForm {
  title: string;
  kind: string;
  periodFrom: string;
  periodTo: string;
  inspectors: string;
  note?: string;
  targets: Array<{ orgId: number; plannedOn: string }>;
}

function NewPlanCard({ orgId, onDone }: { orgId: number; onDone: (id: number) => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanForm>();
  const today = chinaToday();
  const create = useMutation({
    mutationFn: (v: PlanForm) => {
      const body: NewPlan = {
        orgId,
        title: v.title,
        year: Number(v.periodFrom.slice(0, 4)),
        periodFrom: v.periodFrom,
        periodTo: v.periodTo,
        kind: v.kind,
        inspectors: v.inspectors.split(/[，,、\s]+/).filter(Boolean),
        ...(v.note ? { note: v.note } : {}),
        targets: v.targets ?? [],
      };
      return inspectionApi.createPlan(body);
    },
    onSuccess: (p) => {
      void message.success(`已新建督查计划“${p.title}”`);
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      onDone(p.id);
    },
    onError: (e) =>
      showFormError(
        form,
        e,
        ['title', 'kind', 'periodFrom', 'periodTo', 'inspectors', 'targets'],
        (t) => void message.error(t),
      ),
  });
  return (
    <Card size="small" title="新建督查计划">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: '专项督查', periodFrom: today, targets: [{}] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
          <Input placeholder="如：2026年第四季度基层党建专项督查" maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="督查类型">
            <Select style={{ width: 140 }} options={PLAN_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item
            name="periodFrom"
            label="开始日期"
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="periodTo" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item
          name="inspectors"
          label="督查人员（多人用顿号或逗号分隔）"
          rules={[{ required: true, message: '请填写督查人员' }]}
        >
          <Input placeholder="如：刘振华、陈晓燕" />
        </Form.Item>
        <Form.Item name="note" label="督查说明">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Typography.Text strong>督查对象（只能选择本组织下级）</Typography.Text>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'orgId']} rules={[{ required: true, message: '请选择督查对象' }]}>
                    <OrgTreeSelect rootId={orgId} style={{ width: 280 }} placeholder={`督查对象${i + 1}`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'plannedOn']}
                    rules={[{ required: true, message: '请选择计划督查日期' }]}
                  >
                    <Input type="date" aria-label="计划督查日期" />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} disabled={fields.length === 1}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({})}>添加督查对象</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            保存督查计划
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** 督查 of a committee: the plans it and those below it issued, and a new plan. */
export function InspectionsPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const navigate = useNavigate();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [creating, setCreating] = useState(false);
  const plans = useQuery({
    queryKey: ['inspections', 'plans', orgId, year],
    queryFn: () => inspectionApi.plans(orgId, year),
  });
  if (plans.isError) return <Result status="warning" title={errorMessage(plans.error)} />;
  const columns = [
    {
      title: '督查计划',
      dataIndex: 'title',
      render: (t: string, p: PlanRow) => <Link to={`/inspections/plans/${p.id}`}>{t}</Link>,
    },
    { title: '发起组织', dataIndex: 'orgName', responsive: ['md' as const] },
    { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag>{k}</Tag> },
    {
      title: '督查期间',
      key: 'period',
      responsive: ['lg' as const],
      render: (_: unknown, p: PlanRow) => `${formatDate(p.periodFrom)} 至 ${formatDate(p.periodTo)}`,
    },
    {
      title: '进度',
      key: 'progress',
      render: (_: unknown, p: PlanRow) => (
        <Space>
          <span>
            已督查 {p.visited}/{p.targets}
          </span>
          {p.overdue > 0 && <Tag color="red">逾期 {p.overdue}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="inspections-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 督查
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={year}
            onChange={(v) => setYear(Number(v))}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Link to={`/orgs/${orgId}/inspections/received`}>督查结果</Link>
          <Link to={`/orgs/${orgId}/bulletins`}>通报</Link>
          {plans.data?.policies?.create && (
            <Button type="primary" onClick={() => setCreating((c) => !c)}>
              {creating ? '收起' : '新建督查计划'}
            </Button>
          )}
        </Space>
      </Space>
      {creating && <NewPlanCard orgId={orgId} onDone={(id) => navigate(`/inspections/plans/${id}`)} />}
      <Table
        rowKey="id"
        loading={plans.isLoading}
        dataSource={plans.data?.data ?? []}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '本年度暂无督查计划' }}
      />
    </Space>
  );
}
