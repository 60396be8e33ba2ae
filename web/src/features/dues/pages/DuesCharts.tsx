// Parts both the branch's ledger and the committee's statistics show: the year's 应缴/实缴 chart
// and the arrears list.
import { Card, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { yuan, type ArrearsRow, type Report } from '../api';

/** 应缴 vs 实缴 per month of the year, in yuan (a person compares bars faster than figures). */
export function YearChart({ report, year }: { report: Report; year: number }) {
  const months = report.months ?? [];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['应缴', '实缴'] },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`) },
    yAxis: { type: 'value', name: '元' },
    series: [
      { name: '应缴', type: 'bar', data: months.map((m) => Number(yuan(m.dueFen))) },
      { name: '实缴', type: 'bar', data: months.map((m) => Number(yuan(m.paidFen))) },
    ],
  };
  return (
    <Card size="small" title={`${year}年逐月应缴与实缴`}>
      {months.length ? (
        <ReactECharts option={option} style={{ height: 240 }} notMerge />
      ) : (
        <Typography.Text type="secondary">本年度暂无台账</Typography.Text>
      )}
    </Card>
  );
}

/** 欠缴党费党员: consecutive unpaid months (approved 减免 months excluded), 6 → 自行脱党 case. */
export function ArrearsCard({ rows }: { rows: ArrearsRow[] }) {
  return (
    <Card size="small" title="欠缴党费党员" data-testid="dues-arrears">
      <Table
        rowKey="memberId"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '无欠缴' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所在组织', dataIndex: 'orgName', responsive: ['md' as const] },
          { title: '连续未缴（月）', dataIndex: 'consecutiveUnpaid' },
          {
            title: '提示',
            key: 'flag',
            render: (_: unknown, a: ArrearsRow) =>
              a.flagSelfLapse ? <Tag color="red">连续6个月未缴，按党章第九条处置</Tag> : null,
          },
        ]}
      />
    </Card>
  );
}
