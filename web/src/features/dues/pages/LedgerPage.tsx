// 党费台账 of a branch (or any subtree): one month's ledger, offline payments, the year's chart.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { useMediaQuery } from '../../../components/use-media-query';
import { useOrg } from '../../orgs/hooks';
import { CATEGORY_LABELS, LEDGER_STATUS, duesApi, duesKeys, monthLabel, yuan, type LedgerRow } from '../api';
import { ArrearsCard, YearChart } from './DuesCharts';
import { PaymentDialog } from './PaymentDialog';
import { ReductionsCard } from './ReductionsCard';
import { MonthInput } from '../DateInputs';

export function LedgerPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const narrow = useMediaQuery('(max-width: 640px)');
  const qc = useQueryClient();
  const { message } = App.useApp();
  // The month lives in the URL (?month=YYYY-MM) so a link can open any month's ledger.
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : chinaToday().slice(0, 7);
  const setMonth = (m: string) => setParams({ month: m }, { replace: true });
  const [paying, setPaying] = useState<LedgerRow | null>(null);
  const year = Number(month.slice(0, 4));
  const ledger = useQuery({
    queryKey: duesKeys.ledger(orgId, month),
    queryFn: () => duesApi.ledger(orgId, month),
  });
  const report = useQuery({
    queryKey: duesKeys.report(orgId, year),
    queryFn: () => duesApi.report(orgId, year),
  });
  const generate = useMutation({
    mutationFn: () => duesApi.generate(orgId, month),
    onSuccess: () => {
      void message.success(`已生成${monthLabel(month)}台账`);
      void qc.invalidateQueries({ queryKey: duesKeys.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (ledger.isError) return <Result status="warning" title={errorMessage(ledger.error)} />;
  const rows = ledger.data ?? [];
  const sum = (f: (r: LedgerRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const dueFen = sum((r) => r.dueFen - r.reducedFen);
  const paidFen = sum((r) => r.paidFen);
  const columns = [
    { title: '姓名', dataIndex: 'name' },
    {
      title: '类别',
      dataIndex: 'category',
      responsive: ['md' as const],
      render: (c: string) => CATEGORY_LABELS[c] ?? c,
    },
    {
      title: '基数（元）',
      dataIndex: 'baseFen',
      responsive: ['lg' as const],
      render: (f: number | null) => (f === null ? '定额' : yuan(f)),
    },
    { title: '应缴（元）', dataIndex: 'dueFen', render: (f: number, r: LedgerRow) => yuan(f - r.reducedFen) },
    { title: '实缴（元）', dataIndex: 'paidFen', render: (f: number) => yuan(f) },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: string) => <Tag color={LEDGER_STATUS[s]?.color}>{LEDGER_STATUS[s]?.label ?? '未知'}</Tag>,
    },
    {
      title: '缴纳日期',
      dataIndex: 'paidOn',
      responsive: ['md' as const],
      render: (d: string | null) => formatDate(d),
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r: LedgerRow) =>
        r.status === 'due' ? (
          <Button size="small" onClick={() => setPaying(r)} data-testid={`dues-pay-${r.personId}`}>
            登记缴纳
          </Button>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="dues-ledger">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 党费台账
        </Typography.Title>
        <Space wrap>
          <MonthInput aria-label="月份" value={month} onChange={setMonth} style={{ width: 140 }} />
          <Button onClick={() => generate.mutate()} loading={generate.isPending}>
            生成本月台账
          </Button>
          <Link to={`/orgs/${orgId}/dues/bases`}>缴费基数</Link>
          <Link to={`/orgs/${orgId}/dues/overview`}>党费统计</Link>
        </Space>
      </Space>
      <Space wrap size="large">
        <Statistic title="应缴（元）" value={yuan(dueFen)} />
        <Statistic title="实缴（元）" value={yuan(paidFen)} />
        <Statistic
          title="已缴人数"
          value={rows.filter((r) => r.status !== 'due').length}
          suffix={`/ ${rows.length}`}
        />
      </Space>
      <Table
        rowKey="personId"
        onRow={(r) =>
          ({ 'data-testid': `dues-ledger-row-${r.personId}` }) as React.HTMLAttributes<HTMLElement>
        }
        size={narrow ? 'small' : 'middle'}
        loading={ledger.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: `${monthLabel(month)}尚未生成台账` }}
      />
      {report.data && <YearChart report={report.data} year={year} />}
      {report.data && <ArrearsCard rows={report.data.arrears} />}
      <ReductionsCard orgId={orgId} stage="branch" />
      {paying && (
        <PaymentDialog
          row={paying}
          onClose={() => setPaying(null)}
          onDone={() => {
            setPaying(null);
            void qc.invalidateQueries({ queryKey: duesKeys.all });
          }}
        />
      )}
    </Space>
  );
}
