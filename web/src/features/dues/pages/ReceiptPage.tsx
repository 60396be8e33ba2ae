// 党费电子收据: one payment (or correction/refund) row, as the member or the branch sees it.
import { LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { KIND_LABELS, METHOD_LABELS, duesApi, duesKeys, monthLabel, yuan } from '../api';

export function ReceiptPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: duesKeys.receipt(id), queryFn: () => duesApi.receipt(id), retry: false });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const r = q.data;
  return (
    <div data-testid="dues-receipt" style={{ maxWidth: 480, margin: '0 auto' }}>
      <Link to="/dues/me">
        <LeftOutlined /> 我的党费
      </Link>
      <Card size="small" style={{ marginTop: 12 }} title="党费电子收据">
        {!r ? (
          <Spin />
        ) : (
          <>
            <Typography.Title level={3} style={{ textAlign: 'center' }} data-testid="dues-receipt-amount">
              {yuan(r.amountFen)} 元
            </Typography.Title>
            <Descriptions column={1} size="small" bordered>
              {r.name && <Descriptions.Item label="缴纳人">{r.name}</Descriptions.Item>}
              {r.orgName && <Descriptions.Item label="所在组织">{r.orgName}</Descriptions.Item>}
              <Descriptions.Item label="所属月份">{r.months.map(monthLabel).join('、')}</Descriptions.Item>
              <Descriptions.Item label="方式">{METHOD_LABELS[r.method] ?? r.method}</Descriptions.Item>
              <Descriptions.Item label="类型">{KIND_LABELS[r.kind] ?? r.kind}</Descriptions.Item>
              <Descriptions.Item label="缴纳日期">{formatDate(r.paidOn)}</Descriptions.Item>
              {r.receiptNo && <Descriptions.Item label="收据号">{r.receiptNo}</Descriptions.Item>}
              {r.orderNo && <Descriptions.Item label="订单号">{r.orderNo}</Descriptions.Item>}
            </Descriptions>
          </>
        )}
      </Card>
    </div>
  );
}
