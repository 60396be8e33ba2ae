import { useQuery } from '@tanstack/react-query';
import { Card, List, Result, Space, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { inspectionApi, type BulletinExample, type Receipts } from '../api';

function Examples({ title, color, items }: { title: string; color: string; items: BulletinExample[] }) {
  return (
    <Card size="small" title={<Tag color={color}>{title}</Tag>}>
      <List
        dataSource={items}
        locale={{ emptyText: '无' }}
        renderItem={(e) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              {e.orgName && <Typography.Text strong>{e.orgName}</Typography.Text>}
              <span>{e.text}</span>
              {e.visitId && <Link to={`/inspections/visits/${e.visitId}`}>查看督查记录</Link>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Read and unread organisations: a pie, then the table. */
function ReceiptsCard({ id }: { id: number }) {
  const q = useQuery({ queryKey: ['bulletins', 'receipts', id], queryFn: () => inspectionApi.receipts(id) });
  const r: Receipts | undefined = q.data;
  if (!r) return null;
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}：{c}个（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: [
          { name: '已读', value: r.read, itemStyle: { color: '#389e0d' } },
          { name: '未读', value: r.unread, itemStyle: { color: '#d46b08' } },
        ],
      },
    ],
  };
  return (
    <Card size="small" title={`阅读情况（已读 ${r.read} 个组织，未读 ${r.unread} 个）`}>
      <ReactECharts option={option} style={{ height: 220 }} notMerge />
      <Table
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={r.rows}
        columns={[
          { title: '接收组织', dataIndex: 'orgName' },
          {
            title: '状态',
            key: 'read',
            render: (_: unknown, x: Receipts['rows'][number]) =>
              x.read ? (
                <Tag color="green">已读</Tag>
              ) : x.longUnread ? (
                <Tag color="red">超过{r.unreadDays}天未读</Tag>
              ) : (
                <Tag color="orange">未读</Tag>
              ),
          },
          {
            title: '首次阅读',
            dataIndex: 'firstReadAt',
            render: (t: string | null) =>
              t ? new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—',
          },
          { title: '阅读人', dataIndex: 'readers', render: (n: string[]) => n.join('、') || '—' },
        ]}
      />
    </Card>
  );
}

/** One 通报: its text, the 表扬 and 批评 examples, and for the publisher the read receipts. */
export function BulletinPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['bulletins', 'one', id], queryFn: () => inspectionApi.bulletin(id) });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const b = q.data?.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="bulletin">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {b?.title ?? '通报'}
        </Typography.Title>
        {b && <Link to={`/orgs/${b.orgId}/bulletins`}>返回通报列表</Link>}
      </Space>
      {b && (
        <>
          <Typography.Text type="secondary">
            {b.orgName} · {formatDate(b.issuedOn)} · 发至 {b.recipients.map((r) => r.orgName).join('、')}
          </Typography.Text>
          <Card size="small">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {b.content}
            </Typography.Paragraph>
          </Card>
          <Examples title="表扬" color="green" items={b.praised} />
          <Examples title="批评" color="red" items={b.criticised} />
          {q.data?.policies?.receipts && <ReceiptsCard id={id} />}
        </>
      )}
    </Space>
  );
}
