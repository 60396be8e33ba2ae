// 上缴与对账: per organisation (this one and its children) the year's 收缴, 上缴 and 银行 figures,
// each period expandable; differences in red, an overdue 上缴 tagged. 登记上缴 and 银行入账 per period.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../../components/dates';
import { showDuesError } from '../form';
import { errorMessage } from '../../../components/http';
import { duesApi, duesKeys, fenOf, monthLabel, yuan, type RemitPeriod, type RemitRow } from '../api';
import { DateInput } from '../DateInputs';

const diff = (fen: number | null) =>
  fen === null ? (
    '—'
  ) : (
    <Typography.Text type={fen !== 0 ? 'danger' : undefined} strong={fen !== 0}>
      {yuan(fen)}
    </Typography.Text>
  );

type Editing = { kind: 'remit' | 'bank'; org: RemitRow; p: RemitPeriod };

function MoneyDialog({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: string; on: string; ref: string }>();
  const { kind, org, p } = editing;
  const save = useMutation({
    mutationFn: (v: { amount: string; on: string; ref: string }) => {
      const fen = fenOf(v.amount ?? '') ?? -1;
      return kind === 'remit'
        ? duesApi.createRemittance({
            fromOrgId: org.orgId,
            period: p.period,
            amountFen: fen,
            remittedOn: v.on,
            bankRef: v.ref?.trim() || null,
          })
        : duesApi.setBankFigure({
            orgId: org.orgId,
            period: p.period,
            bankFen: fen,
            note: v.ref?.trim() || null,
          });
    },
    onSuccess: () => {
      void message.success(kind === 'remit' ? '已登记上缴' : '已登记银行入账');
      void qc.invalidateQueries({ queryKey: duesKeys.all });
      onClose();
    },
    onError: (e) => {
      showDuesError(
        form,
        e,
        { amountFen: 'amount', bankFen: 'amount', remittedOn: 'on', bankRef: 'ref', note: 'ref' },
        (t) => void message.error(t),
      );
    },
  });
  const initial =
    kind === 'remit'
      ? { amount: yuan(Math.max(0, p.remitGapFen)), on: chinaToday(), ref: '' }
      : { amount: yuan(p.bankFen ?? p.remittedFen), on: chinaToday(), ref: '' };
  return (
    <Modal
      open
      title={`${kind === 'remit' ? '登记上缴' : '银行入账'} · ${org.orgName} · ${monthLabel(p.period)}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="amount"
          label="金额（元）"
          rules={[
            {
              validator: (_, v: string) =>
                fenOf(v ?? '') !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error('请填写金额，最多两位小数')),
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        {kind === 'remit' && (
          <Form.Item name="on" label="上缴日期" rules={[{ required: true, message: '请填写上缴日期' }]}>
            <DateInput />
          </Form.Item>
        )}
        <Form.Item name="ref" label={kind === 'remit' ? '银行流水号' : '备注'}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Periods({ org, onEdit }: { org: RemitRow; onEdit: (e: Editing) => void }) {
  return (
    <Table
      rowKey="period"
      size="small"
      pagination={false}
      dataSource={org.periods}
      columns={[
        { title: '期间', dataIndex: 'period', render: monthLabel },
        { title: '收缴（元）', dataIndex: 'collectedFen', render: (f: number) => yuan(f) },
        { title: '上缴（元）', dataIndex: 'remittedFen', render: (f: number) => yuan(f) },
        { title: '银行入账（元）', dataIndex: 'bankFen', render: (f: number | null) => yuan(f) },
        {
          title: '收缴−上缴',
          dataIndex: 'remitGapFen',
          render: (f: number, p: RemitPeriod) => (
            <Space size={4}>
              {org.remitsTo ? diff(f) : '—'}
              {p.remitOverdue && <Tag color="red">逾期未上缴</Tag>}
            </Space>
          ),
        },
        { title: '上缴−银行', dataIndex: 'bankGapFen', render: diff },
        {
          title: '操作',
          key: 'op',
          render: (_: unknown, p: RemitPeriod) => (
            <Space size={4}>
              {org.remitsTo && (
                <Button size="small" type="link" onClick={() => onEdit({ kind: 'remit', org, p })}>
                  登记上缴
                </Button>
              )}
              <Button size="small" type="link" onClick={() => onEdit({ kind: 'bank', org, p })}>
                银行入账
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

export function RemittanceCard({ orgId, year }: { orgId: number; year: number }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const q = useQuery({
    queryKey: duesKeys.remittance(orgId, year),
    queryFn: () => duesApi.remittanceSummary(orgId, year),
  });
  return (
    <Card size="small" title={`${year}年党费上缴与对账`} data-testid="dues-remittance">
      {q.data && (
        <Typography.Paragraph type="secondary">
          期末后 {q.data.graceDays} 天仍未足额上缴的期间标为逾期；差额不为零的以红色标出。
        </Typography.Paragraph>
      )}
      <Table
        rowKey="orgId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (org) => <Periods org={org} onEdit={setEditing} /> }}
        locale={{ emptyText: q.isError ? errorMessage(q.error) : '暂无数据' }}
        columns={[
          {
            title: '组织',
            dataIndex: 'orgName',
            render: (n: string, r: RemitRow) => (r.isSelf ? `${n}（本级）` : n),
          },
          { title: '收缴（元）', key: 'c', render: (_: unknown, r: RemitRow) => yuan(r.totals.collectedFen) },
          { title: '上缴（元）', key: 'r', render: (_: unknown, r: RemitRow) => yuan(r.totals.remittedFen) },
          {
            title: '收缴−上缴',
            key: 'g',
            render: (_: unknown, r: RemitRow) => (r.remitsTo ? diff(r.totals.remitGapFen) : '—'),
          },
          {
            title: '异常期间',
            key: 'flags',
            render: (_: unknown, r: RemitRow) => (
              <Space size={4} wrap>
                {r.totals.overduePeriods.map((p) => (
                  <Tag key={`o${p}`} color="red">
                    {monthLabel(p)}逾期
                  </Tag>
                ))}
                {r.totals.bankGapPeriods.map((p) => (
                  <Tag key={`b${p}`} color="volcano">
                    {monthLabel(p)}银行不符
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {editing && <MoneyDialog editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
