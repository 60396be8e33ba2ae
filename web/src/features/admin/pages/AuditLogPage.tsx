import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { auditActionOptions } from '../../../../../src/core/audit/audit-labels.ts';
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
  if (v.action) f.action = v.action;
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
  // The filter offers the actions by their Chinese labels, grouped by module; the value is the code.
  const actionOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const o of auditActionOptions())
      groups.set(o.group, [...(groups.get(o.group) ?? []), { value: o.value, label: o.label }]);
    return [...groups].map(([label, options]) => ({ label, title: label, options }));
  }, []);

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
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="输入或选择，如 登录"
              options={actionOptions}
              style={{ width: 220 }}
              data-testid="audit-action-filter"
            />
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
          rowExpandable: (r) => r.detailItems.length > 0,
          expandedRowRender: (r) => (
            <Descriptions
              size="small"
              column={1}
              items={r.detailItems.map((d, i) => ({
                key: i,
                label: d.label,
                children: <span style={{ wordBreak: 'break-all' }}>{d.value}</span>,
              }))}
            />
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
          {
            title: '操作人',
            key: 'actor',
            width: 160,
            render: (_, r) => r.actorName ?? r.actorUsername ?? '—',
          },
          { title: '动作', dataIndex: 'actionLabel', width: 200 },
          { title: '对象', dataIndex: 'objectLabel', width: 200, render: (v: string | null) => v || '—' },
          {
            title: '详情',
            key: 'detail',
            ellipsis: true,
            render: (_, r) =>
              r.detailItems.length === 0
                ? '—'
                : r.detailItems.map((d) => `${d.label}：${d.value}`).join('；'),
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
