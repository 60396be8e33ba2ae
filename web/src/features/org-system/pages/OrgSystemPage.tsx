import { Button, Card, Descriptions, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import { NotFound } from '../../../components/NotFound';
import { useCurrentUser } from '../../auth/hooks';
import { osApi, osKeys, type Overview } from '../api';
import { STATUS_COLOR } from '../components/FormModal';
import { FindingsTab, GradingTab, TeamTab, WeakTab } from '../components/OtherTabs';
import { RenewalTab } from '../components/RenewalTab';

const TABS = ['basic', 'team', 'renewal', 'findings', 'weak', 'grading'] as const;
const BRANCHES = ['党支部', '联合党支部', '临时党支部'];

function Basic({ data }: { data: Overview }) {
  const secretary = data.team.find((m) => m.post === '书记');
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'code', label: '组织编码', children: data.org.code },
        { key: 'kind', label: '组织类别', children: data.org.kind },
        { key: 'sector', label: '所在领域', children: data.org.sector },
        { key: 'full', label: '正式党员', children: `${data.fullMembers}人` },
        { key: 'sec', label: '书记', children: secretary ? secretary.name : <Tag color="warning">书记空缺</Tag> },
        { key: 'years', label: '任期', children: data.termYears ? `每届${data.termYears}年` : '—' },
        { key: 'status', label: '届期状态', children: data.currentTerm ? <Tag color={STATUS_COLOR[data.currentTerm.status ?? '']}>{data.currentTerm.status}</Tag> : '—' },
        { key: 'more', label: '组织详情', children: <Link to={`/orgs/${data.org.id}`}>查看组织信息</Link> },
      ]} />
    </Card>
  );
}

export function OrgSystemPage() {
  const params = useParams();
  const me = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const orgId = /^\d{1,15}$/.test(params.orgId ?? '') ? Number(params.orgId) : undefined;
  const q = useQuery({ queryKey: osKeys.overview(orgId ?? 0), queryFn: () => osApi.overview(orgId!), enabled: orgId !== undefined });
  const home = `/orgs/${me.scope.orgId}`;
  if (orgId === undefined) return <NotFound title="组织不存在" homePath={home} />;
  if (q.error) {
    if (isApiError(q.error) && q.error.status === 403) return <NoPermission homePath={home} />;
    if (isApiError(q.error) && q.error.status === 404) return <NotFound title="组织不存在" homePath={home} />;
    return <Result status="error" title="加载失败" subTitle={errorMessage(q.error)} extra={<Button onClick={() => void q.refetch()}>重试</Button>} />;
  }
  if (!q.data) return <Skeleton active />;
  const { data, policies } = q.data;
  const tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? search.get('tab')! : 'basic';
  return (
    <div data-testid="org-system-page" data-org-id={orgId}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <Link to={`/orgs/${orgId}`}>{data.org.name}</Link> · 组织体系
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch({ tab: k }, { replace: true })}
        items={[
          { key: 'basic', label: '基本信息', children: <Basic data={data} /> },
          { key: 'team', label: '班子', children: <TeamTab data={data} policies={policies!} /> },
          { key: 'renewal', label: '换届', children: <RenewalTab data={data} policies={policies!} /> },
          { key: 'findings', label: '检查发现', children: <FindingsTab orgId={orgId} /> },
          { key: 'weak', label: '整顿', children: <WeakTab orgId={orgId} policies={policies!} /> },
          { key: 'grading', label: '定级', children: <GradingTab orgId={orgId} isBranch={BRANCHES.includes(data.org.kind)} policies={policies!} /> },
        ]}
      />
    </div>
  );
}
