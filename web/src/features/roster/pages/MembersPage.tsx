import { DownloadOutlined, EyeOutlined, ImportOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Input,
  Popconfirm,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { rosterApi, rosterKeys, type MemberFilters, type MemberItem } from '../api';
import { DisciplineCard } from '../components/DisciplineCard';
import { GraduateProfileForm } from '../components/GraduateProfileForm';

const FILTER_KEYS = ['q', 'match', 'category', 'gender', 'ageBand', 'education', 'flag'] as const;

/** 党员名册: a subtree's members, filtered in the URL, paged on the server (keyset), masked. */
export function MembersPage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const filters: MemberFilters = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const set = (k: (typeof FILTER_KEYS)[number], v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const list = useInfiniteQuery({
    queryKey: rosterKeys.members(orgId, filters),
    queryFn: ({ pageParam, signal }) => rosterApi.members(orgId, filters, pageParam, 50, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.page.nextCursor,
    enabled: orgId > 0,
  });
  const [open, setOpen] = useState<number | null>(null);
  if (list.error)
    return (
      <Result
        status={(list.error as { status?: number }).status === 403 ? '403' : 'error'}
        title="无法加载党员名册"
        subTitle={errorMessage(list.error)}
      />
    );
  const items = list.data?.pages.flatMap((p) => p.page.items) ?? [];
  const total = list.data?.pages[0]?.page.total ?? 0;
  const totalCapped = list.data?.pages[0]?.page.totalCapped === true;
  const policies = list.data?.pages[0]?.policies;
  return (
    <div data-testid="roster-members">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          党员名册
        </Typography.Title>
        <Space wrap>
          <Link to={`/orgs/${orgId}/roster/import`}>
            <Button icon={<ImportOutlined />}>导入党员</Button>
          </Link>
          <Button
            icon={<DownloadOutlined />}
            href={rosterApi.exportUrl(orgId, filters, false)}
            data-testid="roster-export"
          >
            导出Excel（脱敏）
          </Button>
          {policies?.unmask && (
            <Popconfirm
              title="导出含完整身份证号和电话的名册？"
              description="此操作将记入审计日志。"
              onConfirm={() => window.location.assign(rosterApi.exportUrl(orgId, filters, true))}
            >
              <Button danger icon={<DownloadOutlined />}>
                导出明文
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="按姓名搜索"
          defaultValue={filters.q}
          onSearch={(v) => set('q', v.trim() || undefined)}
          style={{ width: 180 }}
          data-testid="roster-search"
        />
        <Checkbox
          checked={filters.match === 'contains'}
          onChange={(e) => set('match', e.target.checked ? 'contains' : undefined)}
          data-testid="roster-search-contains"
        >
          姓名包含（默认按开头匹配）
        </Checkbox>
        <Select
          allowClear
          placeholder="人员类别"
          value={filters.category}
          onChange={(v) => set('category', v)}
          style={{ width: 120 }}
          options={['正式党员', '预备党员'].map((v) => ({ value: v, label: v }))}
        />
        <Select
          allowClear
          placeholder="性别"
          value={filters.gender}
          onChange={(v) => set('gender', v)}
          style={{ width: 90 }}
          options={['男', '女'].map((v) => ({ value: v, label: v }))}
        />
        <Select
          allowClear
          placeholder="年龄段"
          value={filters.ageBand}
          onChange={(v) => set('ageBand', v)}
          style={{ width: 130 }}
          options={[
            { value: 'le35', label: '35岁及以下' },
            { value: '36-45', label: '36至45岁' },
            { value: '46-60', label: '46至60岁' },
            { value: 'ge61', label: '61岁及以上' },
          ]}
        />
        <Select
          allowClear
          placeholder="学历"
          value={filters.education}
          onChange={(v) => set('education', v)}
          style={{ width: 130 }}
          options={['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'].map((v) => ({
            value: v,
            label: v,
          }))}
        />
        <Select
          allowClear
          placeholder="标记"
          value={filters.flag}
          onChange={(v) => set('flag', v)}
          style={{ width: 140 }}
          options={[
            { value: 'floating', label: '流动党员' },
            { value: 'hardship', label: '困难党员' },
            { value: 'communityReport', label: '到社区报到' },
          ]}
        />
      </Space>
      <Table<MemberItem>
        size="small"
        rowKey="personId"
        loading={list.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => setOpen(r.personId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '姓名', dataIndex: 'name', fixed: 'left', width: 90 },
          { title: '性别', dataIndex: 'gender', width: 60 },
          { title: '年龄', dataIndex: 'age', width: 60 },
          {
            title: '人员类别',
            dataIndex: 'category',
            width: 90,
            render: (c: string) => <Tag color={c === '预备党员' ? 'orange' : 'red'}>{c}</Tag>,
          },
          { title: '入党日期', dataIndex: 'joinedOn', width: 110 },
          { title: '学历', dataIndex: 'education', width: 100 },
          { title: '公民身份号码', dataIndex: 'idNumber', width: 180 },
          { title: '联系电话', dataIndex: 'phone', width: 120 },
          { title: '所在党组织', dataIndex: ['org', 'name'], width: 200 },
          {
            title: '标记',
            key: 'flags',
            width: 160,
            render: (_, r) => (
              <Space size={2} wrap>
                {r.flags.floating && <Tag color="blue">流动</Tag>}
                {r.floatingTransferDue && <Tag color="red">应转接</Tag>}
                {r.flags.hardship && <Tag color="gold">困难</Tag>}
                {r.flags.communityReport && <Tag color="green">社区报到</Tag>}
                {r.partyStatus !== '正常' && <Tag color="default">{r.partyStatus}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" data-testid="roster-count">
          共 {total}
          {totalCapped ? '+' : ''} 人，已显示 {items.length} 人
        </Typography.Text>
        {list.hasNextPage && (
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            加载更多
          </Button>
        )}
      </Space>
      {open !== null && <MemberDrawer personId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

export function MemberDrawer({ personId, onClose }: { personId: number; onClose: () => void }) {
  const { message } = App.useApp();
  const q = useQuery({ queryKey: rosterKeys.member(personId), queryFn: () => rosterApi.member(personId) });
  const [clear, setClear] = useState<{
    idNumber: string | null;
    phone: string | null;
    address: string | null;
  } | null>(null);
  const m = q.data?.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title={
        m ? (
          <Space size={8}>
            <span>{m.name} · 党员档案</span>
            {m.discipline?.some((d) => d.active) && (
              <Tag color="red" data-testid="member-discipline-tag">
                留党察看
              </Tag>
            )}
          </Space>
        ) : (
          '党员档案'
        )
      }
      width={Math.min(560, window.innerWidth)}
    >
      {q.error && <Result status="error" subTitle={errorMessage(q.error)} />}
      {m && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="姓名">
              {m.name}（{m.gender}，{m.ethnicity}）
            </Descriptions.Item>
            <Descriptions.Item label="公民身份号码">{clear?.idNumber ?? m.idNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="出生日期">
              {formatDate(m.birthDate)}（{m.age ?? '—'}岁）
            </Descriptions.Item>
            <Descriptions.Item label="联系电话">{clear?.phone ?? m.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="家庭住址">
              {clear ? (clear.address ?? '—') : (m.address ?? '—')}
            </Descriptions.Item>
            <Descriptions.Item label="人员类别">{m.category}</Descriptions.Item>
            <Descriptions.Item label="入党 / 转正">
              {formatDate(m.joinedOn)} / {formatDate(m.fullMemberOn)}
            </Descriptions.Item>
            <Descriptions.Item label="学历 / 学位">
              {m.education ?? '—'} / {m.degree ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="籍贯">{m.nativePlace ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="人员身份">{m.identity ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="工作单位及岗位">
              {[m.workUnit, m.post].filter(Boolean).join(' · ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="党籍状态">
              {m.partyStatus}
              {m.partyStatusReason ? `（${m.partyStatusReason}，${formatDate(m.partyStatusOn)}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="所在党组织">
              {m.org?.name ?? '—'}
              {m.group ? ` · ${m.group.name}（${formatDate(m.groupSince)}起）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="流动党员">
              {m.flags.floating
                ? `是，流入地${m.floatingDestination ?? '不详'}（${formatDate(m.floatingSince)}起）`
                : '否'}
              {m.floatingTransferDue && (
                <Tag color="red" style={{ marginLeft: 8 }}>
                  外出已满规定期限，应转移组织关系
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="困难党员">{m.flags.hardship ? '是' : '否'}</Descriptions.Item>
            <Descriptions.Item label="到社区报到">
              {m.flags.communityReport ? (m.community?.name ?? '是') : '否'}
            </Descriptions.Item>
            <Descriptions.Item label="毕业日期">
              {formatDate(m.graduatedOn)}
              {m.graduateRetained && '，组织关系暂留'}
              {m.graduate && (
                <Tag
                  color={
                    m.graduate.status === '已超期'
                      ? 'red'
                      : m.graduate.status === '即将到期'
                        ? 'orange'
                        : 'green'
                  }
                  style={{ marginLeft: 8 }}
                >
                  {m.graduate.status}（保留至{formatDate(m.graduate.deadline)}）
                </Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
          {q.data?.policies.edit && (
            <GraduateProfileForm key={`${m.graduatedOn}|${m.graduateRetained}`} member={m} />
          )}
          <DisciplineCard member={m} canWrite={q.data?.policies.discipline === true} />
          {q.data?.policies.unmask && !clear && (
            <Button
              icon={<EyeOutlined />}
              style={{ marginTop: 12 }}
              onClick={() =>
                rosterApi.reveal(personId).then(setClear, (e: unknown) => void message.error(errorMessage(e)))
              }
            >
              查看完整信息（将记入审计日志）
            </Button>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            组织关系历史
          </Typography.Title>
          <Timeline
            items={m.history.map((h) => ({
              children: `${formatDate(h.validFrom)} — ${h.validTo ? formatDate(h.validTo) : '至今'}：${h.org.name}（${h.category}${h.reason ? `，${h.reason}` : ''}）`,
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
