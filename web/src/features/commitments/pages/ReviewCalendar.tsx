import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage, http, type Envelope } from '../../../components/http';

interface Entry {
  id: number;
  title: string;
  orgName: string;
  committerName: string;
  dueOn: string;
  month: string;
  state: 'ok' | 'due' | 'overdue';
}
interface ReviewerRow {
  key: string;
  reviewer: { personId: number; name: string; role: string } | null;
  fallback: string | null;
  overdue: number;
  due: number;
  entries: Entry[];
}
interface CalendarData {
  today: string;
  cadenceMonths: number;
  reviewers: ReviewerRow[];
}

function nextMonths(today: string, n: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

const stateTag = (s: Entry['state']) =>
  s === 'overdue' ? (
    <Tag color="red">逾期</Tag>
  ) : s === 'due' ? (
    <Tag color="orange">今日到期</Tag>
  ) : (
    <Tag>待点评</Tag>
  );

/** 领导点评日历: each reviewer's due and overdue reviews in a subtree, by month. */
export function ReviewCalendar({ orgId }: { orgId: number }) {
  const q = useQuery({
    queryKey: ['commitments', 'review-calendar', orgId],
    queryFn: () =>
      http
        .get<Envelope<CalendarData>>('/api/commitments/review-calendar', { query: { orgId } })
        .then((r) => r.data),
  });
  if (q.isError) return <Alert type="error" message={errorMessage(q.error)} />;
  if (q.data && q.data.reviewers.length === 0) return <Empty description="没有需要点评的承诺" />;
  const months = q.data ? nextMonths(q.data.today, 6) : [];
  const first = months[0] ?? '';
  return (
    <>
      {q.data && (
        <Typography.Paragraph type="secondary">
          按规则库，领导点评至少每{q.data.cadenceMonths}个月一次；逾期项同时提示点评人和上级组织。
        </Typography.Paragraph>
      )}
      <Table<ReviewerRow>
        data-testid="review-calendar"
        rowKey="key"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.reviewers ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: true }}
        expandable={{
          expandedRowRender: (r) => (
            <Table<Entry>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.entries}
              columns={[
                {
                  title: '承诺',
                  dataIndex: 'title',
                  render: (t: string, e) => <Link to={`/commitments/${e.id}`}>{t}</Link>,
                },
                { title: '承诺主体', dataIndex: 'committerName' },
                { title: '应点评日期', dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
                { title: '状态', dataIndex: 'state', render: stateTag },
              ]}
            />
          ),
        }}
        columns={[
          {
            title: '点评人',
            key: 'reviewer',
            fixed: 'left',
            render: (_: unknown, r) =>
              r.reviewer ? (
                `${r.reviewer.name}（${r.reviewer.role}）`
              ) : (
                <Typography.Text type="warning">{r.fallback}</Typography.Text>
              ),
          },
          {
            title: '逾期',
            dataIndex: 'overdue',
            render: (n: number) => <Badge count={n} showZero color={n ? 'red' : 'gray'} />,
          },
          {
            title: `${first}前`,
            key: 'earlier',
            render: (_: unknown, r) => r.entries.filter((e) => e.month < first).length || '',
          },
          ...months.map((m) => ({
            title: m,
            key: m,
            render: (_: unknown, r: ReviewerRow) => r.entries.filter((e) => e.month === m).length || '',
          })),
        ]}
      />
    </>
  );
}
