import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import {
  MEETING_TYPES,
  type PlanData,
  type PlanItemInput,
  type PlanOverviewData,
  type PlanPolicies,
} from '../api';
import { usePlan, usePlanAction, usePlanOverview } from '../hooks';

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHLY = ['主题党日', '支部委员会会议'];

/** Periods a plan item may name: the 12 months and 4 quarters of the year. */
const periodOptions = (year: number) => [
  ...Array.from({ length: 12 }, (_, i) => ({ value: `${year}-${pad(i + 1)}`, label: `${i + 1}月` })),
  ...[1, 2, 3, 4].map((q) => ({ value: `${year}-Q${q}`, label: `第${q}季度` })),
];

/** One item per required frequency, themes left for the branch to write. */
function template(year: number, types: string[]): PlanItemInput[] {
  const out: PlanItemInput[] = [];
  for (const type of types) {
    const periods = MONTHLY.includes(type)
      ? Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`)
      : type === '组织生活会' || type === '民主生活会'
        ? [`${year}-12`]
        : [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
    for (const period of periods) out.push({ period, type, theme: '' });
  }
  return out;
}

const OUTCOME_COLOR: Record<string, string> = {
  已召开: 'green',
  推迟召开: 'orange',
  未召开: 'red',
  未到期: 'default',
};
const STATUS_COLOR: Record<string, string> = { draft: 'default', submitted: 'blue', acknowledged: 'green' };

function BranchPlan({ data, policies }: { data: PlanData; policies: PlanPolicies }) {
  const { message } = App.useApp();
  const action = usePlanAction();
  const [items, setItems] = useState<PlanItemInput[]>(data.items);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => setItems(data.items.map(({ period, type, theme }) => ({ period, type, theme }))), [data]);
  const run = async (kind: 'save' | 'submit' | 'acknowledge') => {
    setErrors({});
    try {
      await action.mutateAsync({ kind, orgId: data.org.id, year: data.year, items });
      message.success(kind === 'save' ? '已保存草稿' : kind === 'submit' ? '已提交上级党组织' : '已确认');
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields);
      message.error(errorMessage(e));
    }
  };
  const update = (i: number, patch: Partial<PlanItemInput>) =>
    setItems((all) => all.map((it, n) => (n === i ? { ...it, ...patch } : it)));
  const editing = policies.edit;
  return (
    <Card
      size="small"
      title={
        <Space>
          {`${data.org.name} ${data.year}年度组织生活计划`}
          <Tag color={STATUS_COLOR[data.status ?? ''] ?? 'red'}>{data.statusLabel}</Tag>
        </Space>
      }
      extra={
        <Space>
          {editing ? (
            <>
              {items.length === 0 ? (
                <Button onClick={() => setItems(template(data.year, data.requiredTypes))}>
                  按规定频次生成事项
                </Button>
              ) : null}
              <Button
                onClick={() =>
                  setItems((all) => [...all, { period: `${data.year}-01`, type: '主题党日', theme: '' }])
                }
              >
                添加事项
              </Button>
              <Button onClick={() => void run('save')} loading={action.isPending}>
                保存草稿
              </Button>
            </>
          ) : null}
          {policies.submit ? (
            <Button type="primary" onClick={() => void run('submit')} loading={action.isPending}>
              提交上级
            </Button>
          ) : null}
          {policies.acknowledge ? (
            <Button type="primary" onClick={() => void run('acknowledge')} loading={action.isPending}>
              上级确认
            </Button>
          ) : null}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {data.gaps.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            message={`计划未达到规定频次（${data.gaps.length}处）`}
            description={data.gaps
              .slice(0, 20)
              .map((g) => `${g.period} ${g.type}：计划${g.planned}次，应至少${g.required}次`)
              .join('；')}
          />
        ) : data.status ? (
          <Alert type="success" showIcon message="计划覆盖全部规定频次" />
        ) : null}
        {errors.items ? <Alert type="error" message={errors.items} /> : null}
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          aria-label="计划事项"
          dataSource={
            editing ? items.map((it, i) => ({ ...it, i })) : data.items.map((it, i) => ({ ...it, i }))
          }
          pagination={false}
          columns={[
            {
              title: '期间',
              width: 130,
              render: (_, r) =>
                editing ? (
                  <Select
                    aria-label={`第${r.i + 1}项期间`}
                    style={{ width: 110 }}
                    value={r.period}
                    options={periodOptions(data.year)}
                    onChange={(v) => update(r.i, { period: v })}
                    status={errors[`items.${r.i}.period`] ? 'error' : undefined}
                  />
                ) : (
                  (periodOptions(data.year).find((o) => o.value === r.period)?.label ?? r.period)
                ),
            },
            {
              title: '会议类型',
              width: 160,
              render: (_, r) =>
                editing ? (
                  <Select
                    aria-label={`第${r.i + 1}项类型`}
                    style={{ width: 150 }}
                    value={r.type}
                    options={MEETING_TYPES.map((t) => ({ value: t, label: t }))}
                    onChange={(v) => update(r.i, { type: v })}
                  />
                ) : (
                  r.type
                ),
            },
            {
              title: '主题',
              render: (_, r) =>
                editing ? (
                  <Input
                    aria-label={`第${r.i + 1}项主题`}
                    value={r.theme}
                    maxLength={200}
                    status={errors[`items.${r.i}.theme`] ? 'error' : undefined}
                    placeholder={errors[`items.${r.i}.theme`] ?? '填写主题'}
                    onChange={(e) => update(r.i, { theme: e.target.value })}
                  />
                ) : (
                  r.theme
                ),
            },
            editing
              ? {
                  title: '',
                  width: 60,
                  render: (_, r) => (
                    <Button
                      type="link"
                      danger
                      onClick={() => setItems((all) => all.filter((_, n) => n !== r.i))}
                    >
                      删除
                    </Button>
                  ),
                }
              : {
                  title: '执行情况',
                  width: 170,
                  render: (_, r) => {
                    const o = data.items[r.i];
                    if (!o) return null;
                    return (
                      <Space>
                        <Tag color={OUTCOME_COLOR[o.outcome]}>{o.outcome}</Tag>
                        {o.meetingId ? (
                          <Link to={`/org-life/meetings/${o.meetingId}`}>{o.heldOn}</Link>
                        ) : null}
                      </Space>
                    );
                  },
                },
          ]}
        />
      </Space>
    </Card>
  );
}

function Overview({ data }: { data: PlanOverviewData }) {
  const t = data.totals;
  return (
    <Card size="small" title={`下级党支部${data.year}年度计划`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          党支部 {t.branches} 个：已提交 {t.submitted}（上级已确认 {t.acknowledged}），草稿 {t.draft}，未制定{' '}
          <Typography.Text type={t.none ? 'danger' : undefined}>{t.none}</Typography.Text>
        </Typography.Text>
        {data.copies.length > 0 ? (
          <Alert
            type="error"
            showIcon
            message={`疑似照抄的年度计划（${data.copies.length}对）`}
            description={
              <ul aria-label="疑似照抄的年度计划" style={{ margin: 0, paddingLeft: 18 }}>
                {data.copies.map((c) => (
                  <li key={`${c.a.orgId}-${c.b.orgId}`}>
                    <Link to={`/orgs/${c.a.orgId}/org-life/plans?year=${data.year}`}>{c.a.orgName}</Link> 与{' '}
                    <Link to={`/orgs/${c.b.orgId}/org-life/plans?year=${data.year}`}>{c.b.orgName}</Link>
                    ：相似度 {Math.round(c.similarity * 100)}%
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Table
          rowKey="orgId"
          size="small"
          aria-label="党支部年度计划提交情况"
          dataSource={data.rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: '党支部',
              dataIndex: 'orgName',
              render: (v: string, r) => (
                <Link to={`/orgs/${r.orgId}/org-life/plans?year=${data.year}`}>{v}</Link>
              ),
            },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              width: 120,
              filters: ['未制定', '草稿', '已提交', '上级已确认'].map((s) => ({ text: s, value: s })),
              onFilter: (v, r) => r.statusLabel === v,
              render: (v: string, r) => <Tag color={STATUS_COLOR[r.status ?? ''] ?? 'red'}>{v}</Tag>,
            },
            { title: '事项', dataIndex: 'items', width: 80 },
            {
              title: '提交时间',
              dataIndex: 'submittedAt',
              width: 120,
              render: (v: string | null) => v?.slice(0, 10) ?? '—',
            },
          ]}
        />
      </Space>
    </Card>
  );
}

/** 年度计划: a branch's plan (edit, submit, acknowledge, plan against actual) and the subtree's overview. */
export function PlansPage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState(Number(params.get('year') ?? chinaToday().slice(0, 4)));
  const plan = usePlan(orgId, year);
  const overview = usePlanOverview(orgId, year);
  if (plan.error) {
    if (isApiError(plan.error) && plan.error.status === 403) return <NoPermission homePath="/" />;
    return <Result status="error" title="加载年度计划失败" subTitle={errorMessage(plan.error)} />;
  }
  const isBranch = !!plan.data?.data.org.isBranch;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title="年度组织生活计划"
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
      />
      {plan.isLoading ? <Skeleton active /> : null}
      {plan.data && isBranch && plan.data.policies ? (
        <BranchPlan data={plan.data.data} policies={plan.data.policies} />
      ) : null}
      {overview.data && !isBranch ? <Overview data={overview.data} /> : null}
    </Space>
  );
}
