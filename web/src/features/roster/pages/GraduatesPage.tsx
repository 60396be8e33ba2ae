import { SwapOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Result, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { rosterApi, type Graduate, type GraduateStatus } from '../api';
import { MemberDrawer } from './MembersPage';
import { CreateTransferModal } from './TransfersPage';

const STATUS_COLOR: Record<GraduateStatus, string> = { 正常: 'green', 即将到期: 'orange', 已超期: 'red' };
const STATUSES: readonly GraduateStatus[] = ['已超期', '即将到期', '正常'];

/** 毕业生党员: relationships kept at the school after graduating, most urgent first (filter in the URL). */
export function GraduatesPage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = STATUSES.find((s) => s === raw);
  const [transferring, setTransferring] = useState<Graduate | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['roster', 'graduates', orgId, status ?? 'all'],
    queryFn: ({ pageParam }) => rosterApi.graduates(orgId, status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.page.nextCursor,
    enabled: orgId > 0,
  });
  if (list.error)
    return (
      <Result
        status={(list.error as { status?: number }).status === 403 ? '403' : 'error'}
        title="无法加载毕业生党员"
        subTitle={errorMessage(list.error)}
      />
    );
  const first = list.data?.pages[0];
  const items = list.data?.pages.flatMap((p) => p.page.items) ?? [];
  const s = first?.page.summary;
  const mayTransfer = first?.policies.transfer === true;
  const setStatus = (v: string) => {
    const next = new URLSearchParams(params);
    if (v === 'all') next.delete('status');
    else next.set('status', v);
    setParams(next, { replace: true });
  };
  return (
    <div data-testid="roster-graduates">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          毕业生党员
        </Typography.Title>
        <Segmented
          value={status ?? 'all'}
          onChange={(v) => setStatus(String(v))}
          options={[{ value: 'all', label: '全部' }, ...STATUSES.map((v) => ({ value: v, label: v }))]}
        />
      </Space>
      {s && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag>组织关系暂留 {s.total}</Tag>
          <Tag color={s.overdue > 0 ? 'red' : 'default'} data-testid="graduates-overdue-count">
            已超期 {s.overdue}
          </Tag>
          <Tag color={s.dueSoon > 0 ? 'orange' : 'default'}>即将到期 {s.dueSoon}</Tag>
          <Tag color="green">正常 {s.normal}</Tag>
        </Space>
      )}
      {first && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          message={`毕业后尚未落实工作单位的党员，组织关系可在学校（原所在党组织）保留不超过${first.page.rules.maxYears}年，期满前须办理组织关系转接；距期限${first.page.rules.warnDays}天内提示即将到期。毕业日期与暂留标记在党员档案中维护。`}
        />
      )}
      <Table<Graduate>
        size="small"
        rowKey="personId"
        loading={list.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 820 }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 90,
            fixed: 'left',
            render: (n: string, g) => <a onClick={() => setOpen(g.personId)}>{n}</a>,
          },
          { title: '所在党支部', dataIndex: ['org', 'name'] },
          { title: '毕业日期', dataIndex: 'graduatedOn', width: 130, render: (d: string) => formatDate(d) },
          { title: '保留期限', dataIndex: 'deadline', width: 130, render: (d: string) => formatDate(d) },
          {
            title: '剩余',
            dataIndex: 'daysLeft',
            width: 100,
            render: (d: number) => (d < 0 ? `超期${-d}天` : `${d}天`),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (v: GraduateStatus) => <Tag color={STATUS_COLOR[v]}>{v}</Tag>,
          },
          {
            title: '操作',
            key: 'actions',
            width: 130,
            fixed: 'right',
            render: (_, g) =>
              g.transferOpen ? (
                <Link to={`/orgs/${orgId}/roster/transfers`}>
                  <Tag color="blue">转接办理中</Tag>
                </Link>
              ) : (
                mayTransfer &&
                g.status !== '正常' && (
                  <Button
                    size="small"
                    danger={g.status === '已超期'}
                    icon={<SwapOutlined />}
                    onClick={() => setTransferring(g)}
                    data-testid={`graduate-transfer-${g.personId}`}
                  >
                    发起转接
                  </Button>
                )
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {s
            ? `共 ${status ? (status === '已超期' ? s.overdue : status === '即将到期' ? s.dueSoon : s.normal) : s.total} 人，`
            : ''}
          已显示 {items.length} 人
        </Typography.Text>
        {list.hasNextPage && (
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            加载更多
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        转往本系统以外单位的，请在<Link to={`/orgs/${orgId}/roster/transfers`}>组织关系转接</Link>
        页面开具系统外介绍信。
      </Typography.Paragraph>
      {transferring && (
        <CreateTransferModal
          orgId={orgId}
          onClose={() => setTransferring(null)}
          person={{
            id: transferring.personId,
            name: transferring.name,
            orgName: transferring.org.name,
            reason: '毕业生组织关系转接',
          }}
        />
      )}
      {open !== null && <MemberDrawer personId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
