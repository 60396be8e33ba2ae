// 我的党费 on the phone: months due and paid, 去缴费 through the online gateway, my receipts.
// Back from the gateway's pay page the URL carries `?order=NO`: the page waits for that order's
// receipt (the gateway's notification may arrive a moment after the member is sent back).
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import {
  LEDGER_STATUS,
  METHOD_LABELS,
  duesApi,
  duesKeys,
  monthLabel,
  yuan,
  type MyMonth,
  type Receipt,
} from '../api';

const outstanding = (m: MyMonth) => m.outstandingFen;

// The months of an order sent to the gateway, kept for the way back (a receipt names its months).
const ORDER_KEY = (orderNo: string) => `dues.order.${orderNo}`;

/** The receipt of an order: by its number, or by the months it paid online. */
function receiptOfOrder(orderNo: string, receipts: Receipt[]): Receipt | undefined {
  const byNo = receipts.find((r) => r.orderNo === orderNo);
  if (byNo) return byNo;
  const months = sessionStorage.getItem(ORDER_KEY(orderNo));
  if (!months) return undefined;
  return receipts.find(
    (r) => r.method === 'online' && r.kind === 'payment' && [...r.months].sort().join(',') === months,
  );
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function ReturnedFromGateway({ orderNo, receipts }: { orderNo: string; receipts: Receipt[] }) {
  const r = receiptOfOrder(orderNo, receipts);
  if (!r)
    return (
      <Alert
        type="info"
        showIcon
        icon={<Spin size="small" />}
        message="正在确认支付结果…"
        description={`订单号 ${orderNo}`}
        data-testid="dues-order-waiting"
      />
    );
  return (
    <Alert
      type="success"
      showIcon
      message={`缴纳成功：${yuan(r.amountFen)} 元`}
      description={<Link to={`/dues/receipts/${r.id}`}>查看电子收据</Link>}
      data-testid="dues-order-paid"
    />
  );
}

export function MyDuesPage() {
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const orderNo = params.get('order');
  const [chosen, setChosen] = useState<string[]>([]);
  // One key per chosen set of months: pressing 去缴费 twice never makes two orders.
  const chosenKey = [...chosen].sort().join(',');
  const idempotencyKey = useMemo(() => (chosenKey ? newKey() : ''), [chosenKey]);
  const me = useQuery({
    queryKey: duesKeys.me,
    queryFn: duesApi.me,
    retry: false,
    // Waiting for the gateway's notification after coming back from the pay page.
    refetchInterval: (q) =>
      orderNo && q.state.data && !receiptOfOrder(orderNo, q.state.data.receipts) ? 1500 : false,
  });
  const pay = useMutation({
    mutationFn: () => duesApi.createOrder([...chosen].sort(), idempotencyKey),
    onSuccess: (o) => {
      sessionStorage.setItem(ORDER_KEY(o.orderNo), [...o.months].sort().join(','));
      window.location.assign(o.payUrl);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (me.isError) return <Result status="warning" title={errorMessage(me.error)} />;
  const months = [...(me.data?.months ?? [])].sort((a, b) => b.month.localeCompare(a.month));
  const due = months.filter((m) => m.status === 'due' && outstanding(m) > 0);
  const total = due.filter((m) => chosen.includes(m.month)).reduce((s, m) => s + outstanding(m), 0);
  const receipts = me.data?.receipts ?? [];
  return (
    <div data-testid="my-dues" style={{ maxWidth: 480, margin: '0 auto' }}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Link to="/me">
          <LeftOutlined /> 我的
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的党费
        </Typography.Title>
        {orderNo && me.data && <ReturnedFromGateway orderNo={orderNo} receipts={receipts} />}
        {me.isLoading ? (
          <Spin />
        ) : (
          <Card
            size="small"
            title={due.length ? `待缴 ${due.length} 个月` : '党费已缴清'}
            data-testid="my-dues-due"
          >
            {due.length > 0 && (
              <Checkbox.Group
                value={chosen}
                onChange={(v) => setChosen(v as string[])}
                style={{ width: '100%' }}
              >
                <List<MyMonth>
                  dataSource={due}
                  renderItem={(m) => (
                    <List.Item extra={`${yuan(outstanding(m))} 元`}>
                      <Checkbox value={m.month} data-testid={`my-dues-month-${m.month}`}>
                        {monthLabel(m.month)}
                      </Checkbox>
                    </List.Item>
                  )}
                />
              </Checkbox.Group>
            )}
            {due.length > 0 && (
              <Button
                type="primary"
                block
                size="large"
                disabled={!chosen.length}
                loading={pay.isPending}
                onClick={() => pay.mutate()}
                data-testid="my-dues-pay"
                style={{ marginTop: 12 }}
              >
                {chosen.length ? `去缴费（${yuan(total)} 元）` : '请选择要缴纳的月份'}
              </Button>
            )}
          </Card>
        )}
        <Card size="small" title="缴纳记录" data-testid="my-dues-months">
          <List<MyMonth>
            dataSource={months.filter((m) => m.status !== 'due')}
            locale={{ emptyText: '暂无' }}
            renderItem={(m) => (
              <List.Item
                extra={<Tag color={LEDGER_STATUS[m.status]?.color}>{LEDGER_STATUS[m.status]?.label}</Tag>}
              >
                <List.Item.Meta
                  title={monthLabel(m.month)}
                  description={
                    m.status === 'waived' ? '已批准免交' : `${yuan(m.paidFen)} 元 · ${formatDate(m.paidOn)}`
                  }
                />
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title="我的收据" styles={{ body: { padding: 0 } }} data-testid="my-dues-receipts">
          <List<Receipt>
            dataSource={receipts}
            locale={{ emptyText: '暂无收据' }}
            renderItem={(r) => (
              <Link to={`/dues/receipts/${r.id}`} style={{ display: 'block', color: 'inherit' }}>
                <List.Item style={{ padding: '12px 16px' }} extra={<RightOutlined />}>
                  <List.Item.Meta
                    title={`${yuan(r.amountFen)} 元 · ${METHOD_LABELS[r.method] ?? r.method}`}
                    description={`${r.months.map(monthLabel).join('、')} · ${formatDate(r.paidOn)}`}
                  />
                </List.Item>
              </Link>
            )}
          />
        </Card>
      </Space>
    </div>
  );
}
