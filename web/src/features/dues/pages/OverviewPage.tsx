// 党费统计 for a committee: collection rate per child organisation, 上缴 and reconciliation
// (differences in red), 减免 approvals and the arrears list.
import { useQuery } from '@tanstack/react-query';
import { Card, Result, Segmented, Space, Table, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { useOrg } from '../../orgs/hooks';
import { duesApi, duesKeys, yuan, type ReportRow } from '../api';
import { ArrearsCard, YearChart } from './DuesCharts';
import { ReconcileCard } from './ReconcileCard';
import { ReductionsCard } from './ReductionsCard';
import { RemittanceCard } from './RemittanceCard';

/** 收缴率 in per cent, one decimal; null when nothing was due. */
function rate(r: ReportRow): number | null {
  return r.dueFen > 0 ? Math.round((r.paidFen * 1000) / r.dueFen) / 10 : null;
}

function RateChart({ rows }: { rows: ReportRow[] }) {
  const option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 24, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.orgName ?? r.orgCode) },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => rate(r) ?? 0),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
  return <ReactECharts option={option} style={{ height: Math.max(200, rows.length * 28 + 40) }} notMerge />;
}

export function OverviewPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const report = useQuery({
    queryKey: duesKeys.report(orgId, year),
    queryFn: () => duesApi.report(orgId, year),
  });
  if (report.isError) return <Result status="warning" title={errorMessage(report.error)} />;
  const rows = report.data?.rows ?? [];
  const arrears = report.data?.arrears ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="dues-overview">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 党费统计
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={year}
            onChange={(v) => setYear(Number(v))}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Link to={`/orgs/${orgId}/dues`}>党费台账</Link>
        </Space>
      </Space>
      <Card size="small" title={`${year}年各组织党费收缴率`}>
        {rows.length ? (
          <RateChart rows={rows} />
        ) : (
          <Typography.Text type="secondary">暂无数据</Typography.Text>
        )}
        <Table
          rowKey="orgCode"
          size="small"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '组织', key: 'org', render: (_: unknown, r: ReportRow) => r.orgName ?? r.orgCode },
            { title: '党员数', dataIndex: 'members' },
            { title: '应缴（元）', dataIndex: 'dueFen', render: (f: number) => yuan(f) },
            { title: '实缴（元）', dataIndex: 'paidFen', render: (f: number) => yuan(f) },
            { title: '按时缴纳（人次）', dataIndex: 'paidOnTime', responsive: ['md' as const] },
            {
              title: '收缴率',
              key: 'rate',
              render: (_: unknown, r: ReportRow) => (rate(r) === null ? '—' : `${rate(r)}%`),
            },
          ]}
        />
      </Card>
      {report.data && <YearChart report={report.data} year={year} />}
      <RemittanceCard orgId={orgId} year={year} />
      <ReconcileCard orgId={orgId} />
      <ReductionsCard orgId={orgId} stage="upper" />
      <ArrearsCard rows={arrears} />
    </Space>
  );
}
