import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { commitmentsApi, type OverdueItem } from '../api';

/** Commitments whose leader review is due or overdue, for any subtree. */
export function OverdueList({ orgId }: { orgId: number }) {
  const q = useQuery({
    queryKey: ['commitments', 'overdue', orgId],
    queryFn: () => commitmentsApi.overdue(orgId),
  });
  if (q.isError) return <Alert type="error" message={errorMessage(q.error)} />;
  if (q.data && q.data.length === 0)
    return <Empty description="没有到期未点评的承诺" data-testid="overdue-empty" />;
  return (
    <Table<OverdueItem>
      data-testid="overdue-list"
      rowKey="id"
      size="small"
      loading={q.isLoading}
      dataSource={q.data ?? []}
      pagination={{ pageSize: 20 }}
      columns={[
        {
          title: '承诺',
          dataIndex: 'title',
          render: (t: string, r) => <Link to={`/commitments/${r.id}`}>{t}</Link>,
        },
        { title: '组织', dataIndex: 'orgName', responsive: ['md'] },
        { title: '承诺主体', dataIndex: 'committerName', responsive: ['md'] },
        {
          title: '上次点评',
          dataIndex: 'lastReviewOn',
          render: (d: string | null) => (d ? formatDate(d) : '尚未点评'),
        },
        { title: '应点评日期', dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
        {
          title: '状态',
          dataIndex: 'state',
          render: (s: string) =>
            s === 'due' ? <Tag color="orange">今日到期</Tag> : <Tag color="red">逾期</Tag>,
        },
        { title: '点评人', dataIndex: 'reviewer', responsive: ['lg'] },
      ]}
    />
  );
}
