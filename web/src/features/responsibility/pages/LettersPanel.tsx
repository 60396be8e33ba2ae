// 责任书: received (签收 button for the receiving organisation) and issued (签收情况, 下达).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Statistic, Table, Tag, Typography } from 'antd';
import { applyFieldErrors } from '../../../components/form-errors';
import { errorMessage } from '../../../components/http';
import { LETTER_COLOR, respApi, type Letter } from '../api';

function IssueForm({ orgId, year }: { orgId: number; year: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; content: string }>();
  const issue = useMutation({
    mutationFn: (v: { title: string; content: string }) =>
      respApi.issueLetters({ issuerOrgId: orgId, year, ...v }),
    onSuccess: (rows) => {
      void message.success(`已向${rows.length}个下级组织下达责任书`);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['responsibility'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, ['title', 'content'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Card size="small" title="下达责任书（下达给直属下级组织）">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: `${year}年度基层党建工作目标责任书` }}
        onFinish={(v) => issue.mutate(v)}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label="责任内容" rules={[{ required: true, message: '请填写责任内容' }]}>
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={issue.isPending}>
          下达责任书
        </Button>
      </Form>
    </Card>
  );
}

export function LettersPanel({ orgId, year, canIssue }: { orgId: number; year: number; canIssue: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ['responsibility', 'letters', orgId, year],
    queryFn: () => respApi.letters(orgId, year),
  });
  const ack = useMutation({
    mutationFn: (id: number) => respApi.acknowledge(id),
    onSuccess: () => {
      void message.success('已签收');
      void qc.invalidateQueries({ queryKey: ['responsibility'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isError) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  const d = q.data;
  const state = (l: Letter) => <Tag color={LETTER_COLOR[l.state]}>{l.stateLabel}</Tag>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="收到的责任书">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={q.isLoading}
          dataSource={d?.received ?? []}
          locale={{ emptyText: '本年度尚未收到责任书' }}
          expandable={{
            expandedRowRender: (l: Letter) => (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{l.content}</Typography.Paragraph>
            ),
          }}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '下达单位', dataIndex: 'issuerOrgName' },
            { title: '下达日期', dataIndex: 'issuedOn' },
            { title: '签收期限', dataIndex: 'ackDue', responsive: ['md' as const] },
            { title: '状态', key: 'state', render: (_: unknown, l: Letter) => state(l) },
            {
              title: '签收',
              key: 'ack',
              render: (_: unknown, l: Letter) =>
                l.acknowledgedOn ? (
                  `${l.acknowledgedName ?? ''} ${l.acknowledgedOn}`
                ) : l.canAcknowledge ? (
                  <Button
                    type="primary"
                    size="small"
                    loading={ack.isPending}
                    onClick={() => ack.mutate(l.id)}
                  >
                    签收
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`下达的责任书（${d?.ackDays ?? 15}日内应签收）`}>
        {d && (
          <Space size="large" wrap style={{ marginBottom: 12 }}>
            <Statistic title="已下达" value={d.counts.issued} />
            <Statistic title="已签收" value={d.counts.acknowledged} />
            <Statistic title="待签收" value={d.counts.pending} />
            <Statistic
              title="逾期未签收"
              value={d.counts.overdue}
              valueStyle={d.counts.overdue ? { color: '#cf1322' } : undefined}
            />
          </Space>
        )}
        <Table
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={d?.issued ?? []}
          locale={{ emptyText: '本年度尚未下达责任书' }}
          columns={[
            { title: '接收单位', dataIndex: 'orgName' },
            { title: '标题', dataIndex: 'title', responsive: ['md' as const] },
            { title: '下达日期', dataIndex: 'issuedOn' },
            { title: '状态', key: 'state', render: (_: unknown, l: Letter) => state(l) },
            {
              title: '签收人',
              key: 'by',
              render: (_: unknown, l: Letter) =>
                l.acknowledgedOn ? `${l.acknowledgedName ?? ''} ${l.acknowledgedOn}` : '—',
            },
          ]}
        />
      </Card>
      {canIssue && <IssueForm orgId={orgId} year={year} />}
    </Space>
  );
}
