// Horizontal bars of the children's totals, best at the top (ECharts).
import ReactECharts from 'echarts-for-react';
import type { ScoreRow } from '../api';

export function RankingChart({ rows }: { rows: ScoreRow[] }) {
  // ECharts draws the first category at the bottom: reverse so that rank 1 is on top.
  const data = [...rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).reverse();
  return (
    <ReactECharts
      style={{ height: Math.max(220, data.length * 28 + 60) }}
      option={{
        grid: { left: 8, right: 48, top: 16, bottom: 16, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: number) => `${v}分`,
        },
        xAxis: { type: 'value', max: 100, name: '得分' },
        yAxis: { type: 'category', data: data.map((r) => `${r.rank ?? ''}. ${r.orgName}`) },
        series: [
          {
            type: 'bar',
            name: '考核得分',
            data: data.map((r) => r.total),
            label: { show: true, position: 'right', formatter: '{c}' },
            itemStyle: { color: '#c41d24' },
          },
        ],
      }}
    />
  );
}
