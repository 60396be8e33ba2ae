import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../components/http';
import { adminApi, adminKeys, AUDIT_PAGE, type AuditEntry, type AuditFilter } from '../api';

const RESULT_TAG: Record<AuditEntry['result'], { color: string; label: string }> = {
  ok: { color: 'green', label: '成功' },
  denied: { color: 'red', label: '拒绝' },
  failed: { color: 'orange', label: '失败' },
};

interface FilterForm {
  action?: string;
  actor?: string;
  result?: AuditEntry['result'];
  days?: [Dayjs, Dayjs] | null;
}

/** The API reads the range as Beijing-time days. */
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function toFilter(v: FilterForm): AuditFilter {
  const f: AuditFilter = {};
  if (v.action?.trim()) f.action = v.action.trim();
  if (v.actor?.trim()) f.actor = v.actor.trim();
  if (v.result) f.result = v.result;
  if (v.days) {
    f.from = day(v.days[0]);
    f.to = day(v.days[1]);
  }
  return f;
}

/** 审计日志 (三员分立: the audit administrator's page): filters, keyset pages, hash-chain check. */
export function AuditLogPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useInfiniteQuery({
    queryKey: adminKeys.audit(filter),
    queryFn: ({ pageParam, signal }) => adminApi.audit(filter, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE ? undefined : last[last.length - 1]!.seq),
  });
  const verify = useMutation({ mutationFn: adminApi.verify });
  const rows = log.data?.pages.flat() ?? [];

  return (
    <div data-testid="audit-log-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          审计日志
        </Typography.Title>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          校验哈希链
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        每一次登录、越权尝试和业务数据变更都在同一事务内写入审计日志；日志只能追加，逐条以 HMAC-SM3
        链接，删除、篡改或重排都能被校验发现。
      </Typography.Paragraph>
      {verify.data && (
        <Alert
          data-testid="audit-verify-result"
          style={{ marginBottom: 12 }}
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          message={
            verify.data.ok
              ? `哈希链完整：已校验 ${verify.data.checked.toLocaleString('zh-CN')} 条记录`
              : `哈希链异常：第 ${verify.data.firstBad?.seq ?? '?'} 条 —— ${verify.data.firstBad?.reason ?? ''}`
          }
        />
      )}
      {verify.error && (
        <Alert type="error" showIcon message={errorMessage(verify.error)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<FilterForm> layout="inline" onFinish={(v) => setFilter(toFilter(v))} style={{ rowGap: 8 }}>
          <Form.Item name="actor" label="操作人">
            <Input placeholder="用户名" allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="action" label="动作">
            <Input placeholder="如 auth.login" allowClear style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="result" label="结果">
            <Select
              allowClear
              style={{ width: 100 }}
              options={Object.entries(RESULT_TAG).map(([value, t]) => ({ value, label: t.label }))}
            />
          </Form.Item>
          <Form.Item name="days" label="日期">
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {log.error && (
        <Alert type="error" showIcon message={errorMessage(log.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={log.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="audit-table"
        expandable={{
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(r.detail, null, 2)}
            </pre>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          {
            title: '时间',
            dataIndex: 'at',
            width: 180,
            render: (at: string) => new Date(at).toLocaleString('zh-CN'),
          },
          { title: '操作人', dataIndex: 'actorUsername', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '动作', dataIndex: 'action', width: 200 },
          {
            title: '对象',
            key: 'object',
            render: (_, r) => (r.objectType ? `${r.objectType}${r.objectId ? ` #${r.objectId}` : ''}` : '—'),
          },
          {
            title: '结果',
            dataIndex: 'result',
            width: 80,
            render: (v: AuditEntry['result']) => <Tag color={RESULT_TAG[v].color}>{RESULT_TAG[v].label}</Tag>,
          },
          { title: '来源IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            加载更早的记录
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">没有更早的记录</Typography.Text>
        )}
      </div>
    </div>
  );
}
