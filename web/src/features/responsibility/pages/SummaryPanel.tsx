// 年度履责情况: what the organisation's 述职 reports — counts, per post holder chart, notes.
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Statistic, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { errorMessage } from '../../../components/http';
import { respApi } from '../api';

export function SummaryPanel({ orgId, year }: { orgId: number; year: number }) {
  const q = useQuery({
    queryKey: ['responsibility', 'summary', orgId, year],
    queryFn: () => respApi.summary(orgId, year),
  });
  if (q.isError) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const s = q.data;
  if (!s) return null;
  const names = s.byPerson.map((p) => `${p.personName}（${p.post}）`);
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['已完成', '进行中', '逾期'] },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names },
    series: [
      { name: '已完成', type: 'bar', stack: 'n', color: '#52c41a', data: s.byPerson.map((p) => p.done) },
      {
        name: '进行中',
        type: 'bar',
        stack: 'n',
        color: '#1677ff',
        data: s.byPerson.map((p) => p.items - p.done - p.overdue),
      },
      { name: '逾期', type: 'bar', stack: 'n', color: '#cf1322', data: s.byPerson.map((p) => p.overdue) },
    ],
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="responsibility-summary">
      <Card size="small" title={`${s.orgName} ${year}年度履责情况（供述职评议）`}>
        <Space size="large" wrap>
          <Statistic title="责任事项" value={s.items} />
          <Statistic title="已完成" value={s.done} />
          <Statistic title="进行中" value={s.inProgress} />
          <Statistic
            title="逾期"
            value={s.overdue}
            valueStyle={s.overdue ? { color: '#cf1322' } : undefined}
          />
        </Space>
        {s.byPerson.length > 0 && (
          <ReactECharts option={option} style={{ height: Math.max(180, 40 * names.length + 60) }} notMerge />
        )}
      </Card>
      <Card size="small" title="履责记录">
        <List
          size="small"
          dataSource={s.progressNotes}
          locale={{ emptyText: '暂无履责记录' }}
          renderItem={(n) => (
            <List.Item>
              <Typography.Text>
                {n.onDate} {n.personName}（{n.post}）：{n.note}
                {n.evidence ? `（佐证：${n.evidence}）` : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {n.content}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
