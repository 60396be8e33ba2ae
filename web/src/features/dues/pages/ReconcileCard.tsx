// 在线缴费对账: a day's gateway statement against our online payments, order by order; any
// difference (missing on either side, amounts that differ) in red with the reason.
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { DateInput } from '../DateInputs';
import { duesApi, duesKeys, yuan, type ReconcileRow } from '../api';

const STATUS: Record<ReconcileRow['status'], { label: string; color: string }> = {
  matched: { label: '一致', color: 'green' },
  missing_ours: { label: '本系统未入账', color: 'red' },
  missing_gateway: { label: '通道无此笔', color: 'red' },
  amount_diff: { label: '金额不符', color: 'red' },
};

export function ReconcileCard({ orgId }: { orgId: number }) {
  const [date, setDate] = useState(chinaToday());
  const q = useQuery({
    queryKey: duesKeys.reconcile(orgId, date),
    queryFn: () => duesApi.reconcile(orgId, date),
  });
  return (
    <Card
      size="small"
      title="在线缴费对账"
      extra={<DateInput aria-label="对账日期" value={date} onChange={setDate} />}
      data-testid="dues-reconcile"
    >
      {q.data && (
        <Space wrap size="large" style={{ marginBottom: 8 }}>
          <Statistic title="通道对账单（元）" value={yuan(q.data.gatewayFen)} />
          <Statistic title="本系统入账（元）" value={yuan(q.data.oursFen)} />
          <Statistic
            title="差异笔数"
            value={q.data.differences}
            valueStyle={q.data.differences > 0 ? { color: '#cf1322' } : undefined}
          />
        </Space>
      )}
      <Table
        rowKey={(r) => `${r.orderNo}-${r.paymentId ?? ''}`}
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: q.isError ? errorMessage(q.error) : '当日无在线缴费' }}
        columns={[
          { title: '订单号', dataIndex: 'orderNo' },
          { title: '通道金额（元）', dataIndex: 'gatewayFen', render: (f: number | null) => yuan(f) },
          { title: '本系统金额（元）', dataIndex: 'oursFen', render: (f: number | null) => yuan(f) },
          {
            title: '结果',
            dataIndex: 'status',
            render: (s: ReconcileRow['status'], r: ReconcileRow) => (
              <Space size={4} wrap>
                <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? '差异'}</Tag>
                {r.note && <Typography.Text type="danger">{r.note}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
