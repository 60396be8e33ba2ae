import ReactECharts from 'echarts-for-react';
import type { Subject } from '../api';
import { SECRETARY_GRADES } from '../api';

const COLORS: Record<string, string> = { 好: '#389e0d', 较好: '#1677ff', 一般: '#fa8c16', 差: '#cf1322' };

/** 民主测评 votes per secretary, stacked by grade. */
export function TallyChart({ subjects }: { subjects: Subject[] }) {
  const names = subjects.map((s) => s.name);
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: SECRETARY_GRADES },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'value', name: '票数' },
    yAxis: { type: 'category', data: names, inverse: true },
    series: SECRETARY_GRADES.map((g) => ({
      name: g,
      type: 'bar',
      stack: 'votes',
      itemStyle: { color: COLORS[g] },
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      data: subjects.map((s) => s.tally[g] ?? 0),
    })),
  };
  return (
    <ReactECharts option={option} style={{ height: Math.max(160, subjects.length * 36 + 60) }} notMerge />
  );
}
