import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { inspectionApi, RECT_STATUS_LABEL, SEVERITY_COLOR, type Finding } from '../api';

/** 转为整改 with a deadline (the rulebook's default by severity, editable). */
function RectifyButton({ finding }: { finding: Finding }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [deadline, setDeadline] = useState(finding.defaultDeadline);
  const go = useMutation({
    mutationFn: () => inspectionApi.rectify(finding.id, deadline),
    onSuccess: () => {
      void message.success('已转为整改事项');
      void qc.invalidateQueries({ queryKey: ['inspections'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space wrap>
      <Input
        type="date"
        aria-label="整改期限"
        value={deadline}
        onChange={(e) => setDeadline(e.target.value)}
        style={{ width: 150 }}
      />
      <Button type="primary" size="small" loading={go.isPending} onClick={() => go.mutate()}>
        转为整改
      </Button>
    </Space>
  );
}

/** Findings of a visit with their 整改; the issuer's side may turn open ones into 整改. */
export function FindingsTable({
  findings,
  orgId,
  manage,
}: {
  findings: Finding[];
  orgId: number;
  manage: boolean;
}) {
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={findings}
      locale={{ emptyText: '未发现问题' }}
      columns={[
        { title: '问题', dataIndex: 'text' },
        { title: '检查项', dataIndex: 'itemLabel', responsive: ['md' as const] },
        {
          title: '程度',
          dataIndex: 'severity',
          render: (s: string) => <Tag color={SEVERITY_COLOR[s]}>{s}</Tag>,
        },
        {
          title: '整改',
          key: 'rect',
          render: (_: unknown, f: Finding) => {
            if (f.rect)
              return (
                <Space wrap>
                  <Tag color={f.rect.status === 'closed' ? 'green' : f.rect.overdue ? 'red' : 'blue'}>
                    {f.rect.overdue ? '逾期未完成' : (RECT_STATUS_LABEL[f.rect.status] ?? f.rect.status)}
                  </Tag>
                  <span>期限 {formatDate(f.rect.deadline)}</span>
                  <Link to={`/orgs/${orgId}/problems`}>查看整改</Link>
                </Space>
              );
            return manage ? <RectifyButton finding={f} /> : <Tag>未转整改</Tag>;
          },
        },
      ]}
    />
  );
}
