// 工作台: the landing page of organisation staff — KPI cards, alert counts (by severity, by code,
// by child organisation) with drill-down, to-dos, 12-month trends, ranking of the children, and
// for a branch this month's meetings against what is required.
import { InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  Empty,
  List,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import ReactECharts from 'echarts-for-react';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import {
  SEVERITY_COLOR,
  SEVERITY_LABEL,
  SEVERITY_TAG,
  workbenchApi,
  workbenchKeys,
  type AlertCode,
  type Kpi,
  type Severity,
  type Todo,
} from '../api';

const SEVERITIES: Severity[] = ['red', 'orange', 'yellow'];

function KpiCard({ k }: { k: Kpi }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${k.key}`}>
      <Statistic
        title={
          <Space size={4}>
            {k.label}
            <Tooltip title={k.definition}>
              <InfoCircleOutlined aria-label={`${k.label}的口径`} />
            </Tooltip>
          </Space>
        }
        value={k.value ?? '—'}
        suffix={k.value === null ? undefined : k.unit}
        precision={k.unit === '%' && k.value !== null ? 1 : 0}
      />
    </Card>
  );
}

function TodoList({ todos }: { todos: Todo[] }) {
  if (todos.length === 0) return <Empty description="暂无待办" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      size="small"
      dataSource={todos}
      pagination={todos.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
      renderItem={(t) => (
        <List.Item
          actions={[
            <Link key="go" to={t.link}>
              去办理 <RightOutlined />
            </Link>,
          ]}
        >
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                {t.severity && <Tag color={SEVERITY_TAG[t.severity]}>{SEVERITY_LABEL[t.severity]}</Tag>}
                <span>{t.title}</span>
              </Space>
            }
            description={
              [t.detail, t.due ? `期限：${formatDate(t.due)}` : null].filter(Boolean).join('；') || undefined
            }
          />
        </List.Item>
      )}
    />
  );
}

export function WorkbenchPage() {
  const orgId = Number(useParams().orgId);
  const navigate = useNavigate();
  const wb = useQuery({
    queryKey: workbenchKeys.workbench(orgId),
    queryFn: () => workbenchApi.workbench(orgId),
    enabled: orgId > 0,
  });
  const codes = useQuery({
    queryKey: workbenchKeys.codes,
    queryFn: workbenchApi.codes,
    staleTime: 3_600_000,
  });
  const ranking = useQuery({
    queryKey: workbenchKeys.ranking(orgId),
    queryFn: () => workbenchApi.ranking(orgId),
    enabled: orgId > 0,
  });
  const trends = useQuery({
    queryKey: workbenchKeys.trends(orgId),
    queryFn: () => workbenchApi.trends(orgId),
    enabled: orgId > 0,
  });
  const counts = useQuery({
    queryKey: workbenchKeys.counts(orgId),
    queryFn: () => workbenchApi.counts(orgId),
    enabled: orgId > 0,
  });
  const [trendKey, setTrendKey] = useState('lifeCompliance');
  const [rankKey, setRankKey] = useState('lifeCompliance');
  const codeMap = useMemo(() => new Map((codes.data?.data ?? []).map((c) => [c.code, c])), [codes.data]);

  if (wb.error) return <Result status="error" title="工作台加载失败" subTitle={errorMessage(wb.error)} />;
  if (!wb.data) return <Skeleton active />;
  const d = wb.data.data;
  const alertsLink = (q: string) => `/orgs/${orgId}/alerts${q ? `?${q}` : ''}`;
  const byCode = Object.entries(d.alerts.byCode)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => ({ code, n, def: codeMap.get(code) as AlertCode | undefined }))
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.def?.severity ?? 'yellow') - SEVERITIES.indexOf(b.def?.severity ?? 'yellow') ||
        b.n - a.n,
    );
  const totalAlerts = SEVERITIES.reduce((n, s) => n + d.alerts.bySeverity[s], 0);
  const isBranchLevel = d.month !== null;

  const codeChart = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: byCode.map((c) => c.def?.label ?? '其他预警') },
    series: [
      {
        type: 'bar',
        data: byCode.map((c) => ({
          value: c.n,
          itemStyle: { color: SEVERITY_COLOR[c.def?.severity ?? 'yellow'] },
        })),
        label: { show: true, position: 'right' },
      },
    ],
  };

  const trend = trends.data?.data.series.find((s) => s.key === trendKey);
  const trendChart = trend && {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trends.data!.data.months.map((m) => `${Number(m.slice(5))}月`) },
    yAxis: { type: 'value', name: trend.unit, max: trend.unit === '%' ? 100 : undefined, min: 0 },
    series: [
      {
        type: 'line',
        name: trend.label,
        data: trend.values,
        connectNulls: false,
        smooth: true,
        areaStyle: { opacity: 0.08 },
      },
    ],
  };

  const rank = ranking.data?.data.indicators.find((i) => i.key === rankKey);
  const rankRows = (rank?.rows ?? []).filter((r) => r.value !== null);
  const rankChart = rank && {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: rank.unit === '%' ? 100 : undefined, name: rank.unit },
    yAxis: { type: 'category', inverse: true, data: rankRows.map((r) => r.orgName) },
    series: [
      {
        type: 'bar',
        data: rankRows.map((r) => r.value),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#c41d1d' },
      },
    ],
  };

  // Alerts per child organisation, stacked by severity (drill down by clicking a bar).
  const childNames = new Map((ranking.data?.data.indicators[0]?.rows ?? []).map((r) => [r.orgId, r.orgName]));
  const perChild = new Map<number, Record<Severity, number>>();
  for (const c of counts.data?.data.children ?? []) {
    const sev = codeMap.get(c.code)?.severity ?? 'yellow';
    const row = perChild.get(c.orgId) ?? { red: 0, orange: 0, yellow: 0 };
    row[sev] += c.n;
    perChild.set(c.orgId, row);
  }
  const childIds = [...perChild.keys()]
    .filter((id) => childNames.has(id))
    .sort((a, b) => {
      const x = perChild.get(a)!;
      const y = perChild.get(b)!;
      return y.red - x.red || y.orange + y.yellow - (x.orange + x.yellow);
    });
  const childChart = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: SEVERITIES.map((s) => SEVERITY_LABEL[s]) },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: childIds.map((id) => childNames.get(id)) },
    series: SEVERITIES.map((s) => ({
      name: SEVERITY_LABEL[s],
      type: 'bar',
      stack: 'n',
      itemStyle: { color: SEVERITY_COLOR[s] },
      data: childIds.map((id) => perChild.get(id)![s]),
    })),
  };

  const indicatorOptions = (ranking.data?.data.indicators ?? []).map((i) => ({
    label: i.label,
    value: i.key,
  }));

  const todoCard = (
    <Card size="small" title={`待办事项（${d.todos.length}）`}>
      <TodoList todos={d.todos} />
    </Card>
  );
  // A branch works from its to-dos; a committee first reads its figures and alerts.
  const branchFirst = (
    <>
      {todoCard}
      {d.month && (
        <Card size="small" title="本月组织生活">
          <Table
            size="small"
            rowKey="type"
            pagination={false}
            dataSource={d.month}
            columns={[
              { title: '会议类型', dataIndex: 'type' },
              { title: '应开', dataIndex: 'required', width: 70 },
              { title: '已开', dataIndex: 'held', width: 70 },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: string, r) => (
                  <Tooltip title={r.reason ?? undefined}>
                    <Tag color={s === '达标' ? 'green' : s === '未达标' ? 'red' : 'blue'}>{s}</Tag>
                  </Tooltip>
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {d.org.name} · 工作台
      </Typography.Title>

      {isBranchLevel && branchFirst}
      <Row gutter={[12, 12]}>
        {d.kpis.map((k) => (
          <Col key={k.key} xs={12} sm={8} lg={6}>
            <KpiCard k={k} />
          </Col>
        ))}
      </Row>

      <Card size="small" title={`预警（${totalAlerts}）`} extra={<Link to={alertsLink('')}>全部预警</Link>}>
        <Space wrap style={{ marginBottom: 12 }}>
          {SEVERITIES.map((s) => (
            <Link key={s} to={alertsLink(`severity=${s}`)} data-testid={`severity-${s}`}>
              <Tag color={SEVERITY_TAG[s]} style={{ fontSize: 14, padding: '4px 10px' }}>
                {SEVERITY_LABEL[s]}预警 {d.alerts.bySeverity[s]}
              </Tag>
            </Link>
          ))}
        </Space>
        {byCode.length === 0 ? (
          <Empty description="暂无预警" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <ReactECharts
                option={codeChart}
                style={{ height: Math.max(160, byCode.length * 30 + 40) }}
                onEvents={{
                  click: (p: { dataIndex: number }) =>
                    navigate(alertsLink(`code=${byCode[p.dataIndex]!.code}`)),
                }}
                notMerge
              />
              <List
                size="small"
                dataSource={byCode}
                renderItem={(c) => (
                  <List.Item>
                    <Link to={alertsLink(`code=${c.code}`)} data-testid={`alert-code-${c.code}`}>
                      <Space size={4}>
                        <Tag color={SEVERITY_TAG[c.def?.severity ?? 'yellow']}>
                          {SEVERITY_LABEL[c.def?.severity ?? 'yellow']}
                        </Tag>
                        {c.def?.label ?? '其他预警'}
                      </Space>
                    </Link>
                    <span>{c.n}</span>
                  </List.Item>
                )}
              />
            </Col>
            {childIds.length > 0 && (
              <Col xs={24} lg={12}>
                <Typography.Text type="secondary">各下级组织（点击查看）</Typography.Text>
                <ReactECharts
                  option={childChart}
                  style={{ height: Math.max(200, childIds.length * 26 + 60) }}
                  onEvents={{
                    click: (p: { dataIndex: number }) => navigate(`/orgs/${childIds[p.dataIndex]}/workbench`),
                  }}
                  notMerge
                />
              </Col>
            )}
          </Row>
        )}
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title="近12个月走势"
            extra={
              <Select
                size="small"
                style={{ width: 150 }}
                aria-label="走势指标"
                value={trendKey}
                onChange={(v: string) => setTrendKey(v)}
                options={(trends.data?.data.series ?? [])
                  .filter((s) => s.unit === '%')
                  .map((s) => ({ label: s.label.replace('本季度', ''), value: s.key }))}
              />
            }
          >
            {trendChart ? (
              <ReactECharts option={trendChart} style={{ height: 260 }} notMerge />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        {indicatorOptions.length > 0 && rank && rank.rows.length > 0 && (
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title="下级组织排名"
              extra={
                <Select
                  size="small"
                  style={{ width: 150 }}
                  aria-label="排名指标"
                  value={rankKey}
                  onChange={(v: string) => setRankKey(v)}
                  options={indicatorOptions
                    .filter((o) => o.value !== 'orgs')
                    .slice(0, 4)
                    .map((o) => ({ ...o, label: o.label.replace('本季度', '') }))}
                />
              }
            >
              {rankRows.length === 0 ? (
                <Empty description="下级组织暂无该项数据" image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <ReactECharts
                  option={rankChart!}
                  style={{ height: Math.max(200, rankRows.length * 26 + 40) }}
                  onEvents={{
                    click: (p: { dataIndex: number }) =>
                      navigate(`/orgs/${rankRows[p.dataIndex]!.orgId}/workbench`),
                  }}
                  notMerge
                />
              )}
            </Card>
          </Col>
        )}
      </Row>
      {!isBranchLevel && todoCard}
    </Space>
  );
}
