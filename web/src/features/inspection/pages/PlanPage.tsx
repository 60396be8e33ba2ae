import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Result,
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
import {
  inspectionApi,
  ITEM_RESULTS,
  SEVERITIES,
  TARGET_STATUS_COLOR,
  type ChecklistItem,
  type PlanDetail,
  type PlanTarget,
} from '../api';

interface VisitForm {
  visitedOn: string;
  inspectors: string;
  checklist: Record<string, { result: string; note?: string }>;
  findings: Array<{ text: string; severity: string; itemCode: string }>;
  conclusion: string;
}

/** 登记督查: the rulebook checklist item by item, the problems found and the conclusion. */
function VisitFormCard({
  plan,
  target,
  onDone,
}: {
  plan: PlanDetail;
  target: PlanTarget;
  onDone: (id: number) => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitForm>();
  const items: ChecklistItem[] = plan.checklist;
  const save = useMutation({
    mutationFn: (v: VisitForm) =>
      inspectionApi.recordVisit(plan.id, {
        orgId: target.orgId,
        visitedOn: v.visitedOn,
        inspectors: v.inspectors.split(/[，,、\s]+/).filter(Boolean),
        checklist: items.map((c) => ({
          code: c.code,
          result: v.checklist?.[c.code]?.result ?? '',
          ...(v.checklist?.[c.code]?.note ? { note: v.checklist[c.code]!.note } : {}),
        })),
        findings: v.findings ?? [],
        conclusion: v.conclusion,
      }),
    onSuccess: (r) => {
      void message.success(`已登记对${target.orgName}的督查记录`);
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      onDone(r.id);
    },
    onError: (e) =>
      showFormError(
        form,
        e,
        ['visitedOn', 'inspectors', 'conclusion', 'checklist', 'findings'],
        (t) => void message.error(t),
      ),
  });
  return (
    <Card size="small" title={`登记督查：${target.orgName}`}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          visitedOn: chinaToday(),
          inspectors: plan.inspectors.join('、'),
          checklist: Object.fromEntries(items.map((c) => [c.code, { result: '符合' }])),
          findings: [],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Space wrap>
          <Form.Item
            name="visitedOn"
            label="督查日期"
            rules={[{ required: true, message: '请选择督查日期' }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="inspectors"
            label="督查人员"
            rules={[{ required: true, message: '请填写督查人员' }]}
          >
            <Input style={{ width: 280 }} />
          </Form.Item>
        </Space>
        <Typography.Text strong>督查清单</Typography.Text>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={items}
          style={{ margin: '8px 0 16px' }}
          columns={[
            { title: '检查项', dataIndex: 'label' },
            {
              title: '结果',
              key: 'result',
              render: (_: unknown, c: ChecklistItem) => (
                <Form.Item name={['checklist', c.code, 'result']} noStyle>
                  <Radio.Group
                    aria-label={c.label}
                    options={ITEM_RESULTS.map((r) => ({ value: r, label: r }))}
                  />
                </Form.Item>
              ),
            },
            {
              title: '具体情况（不符合须填写）',
              key: 'note',
              render: (_: unknown, c: ChecklistItem) => (
                <Form.Item name={['checklist', c.code, 'note']} noStyle>
                  <Input placeholder="具体情况" maxLength={500} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Typography.Text strong>发现问题</Typography.Text>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%', margin: '8px 0 16px' }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item
                    name={[f.name, 'itemCode']}
                    rules={[{ required: true, message: '请选择所属检查项' }]}
                  >
                    <Select
                      style={{ width: 200 }}
                      placeholder="所属检查项"
                      options={items.map((c) => ({ value: c.code, label: c.label }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'severity']}
                    rules={[{ required: true, message: '请选择问题程度' }]}
                  >
                    <Select
                      style={{ width: 100 }}
                      placeholder="程度"
                      options={SEVERITIES.map((s) => ({ value: s, label: s }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, message: '请描述问题' }]}>
                    <Input style={{ width: 360 }} placeholder="问题描述" maxLength={500} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add({ severity: '一般' })}>添加发现问题</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="conclusion" label="督查结论" rules={[{ required: true, message: '请填写督查结论' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存督查记录
        </Button>
      </Form>
    </Card>
  );
}

/** One 督查 plan: each target's status, and 登记督查 for those not yet visited. */
export function PlanPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [recording, setRecording] = useState<PlanTarget | null>(null);
  const plan = useQuery({ queryKey: ['inspections', 'plan', id], queryFn: () => inspectionApi.plan(id) });
  if (plan.isError) return <Result status="warning" title={errorMessage(plan.error)} />;
  const p = plan.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="inspection-plan">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {p?.title ?? '督查计划'}
        </Typography.Title>
        {p && <Link to={`/orgs/${p.orgId}/inspections`}>返回督查计划</Link>}
      </Space>
      {p && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="发起组织">{p.orgName}</Descriptions.Item>
          <Descriptions.Item label="督查类型">{p.kind}</Descriptions.Item>
          <Descriptions.Item label="督查期间">
            {formatDate(p.periodFrom)} 至 {formatDate(p.periodTo)}
          </Descriptions.Item>
          <Descriptions.Item label="督查人员">{p.inspectors.join('、')}</Descriptions.Item>
          {p.note && <Descriptions.Item label="说明">{p.note}</Descriptions.Item>}
        </Descriptions>
      )}
      <Table
        rowKey="id"
        loading={plan.isLoading}
        dataSource={p?.targets ?? []}
        pagination={false}
        columns={[
          { title: '督查对象', dataIndex: 'orgName' },
          { title: '计划日期', dataIndex: 'plannedOn', render: (d: string) => formatDate(d) },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, t: PlanTarget) => <Tag color={TARGET_STATUS_COLOR[s]}>{t.statusLabel}</Tag>,
          },
          {
            title: '督查记录',
            key: 'visit',
            render: (_: unknown, t: PlanTarget) =>
              t.visit ? (
                <Space>
                  <Link to={`/inspections/visits/${t.visit.id}`}>{formatDate(t.visit.visitedOn)}</Link>
                  <span>发现问题 {t.visit.findings} 条</span>
                  {t.visit.seriousFindings > 0 && <Tag color="red">严重 {t.visit.seriousFindings}</Tag>}
                </Space>
              ) : (
                <Button size="small" onClick={() => setRecording(t)}>
                  登记督查
                </Button>
              ),
          },
        ]}
      />
      {p && recording && (
        <VisitFormCard
          key={recording.id}
          plan={p}
          target={recording}
          onDone={(visitId) => navigate(`/inspections/visits/${visitId}`)}
        />
      )}
    </Space>
  );
}
