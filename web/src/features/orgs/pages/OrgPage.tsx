import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Result,
  Skeleton,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import { NotFound } from '../../../components/NotFound';
import { useMediaQuery } from '../../../components/use-media-query';
import { useCurrentUser } from '../../auth/hooks';
import { CreateChildOrgModal } from '../components/CreateChildOrgModal';
import { DissolveOrgModal } from '../components/DissolveOrgModal';
import { RenameOrgModal } from '../components/RenameOrgModal';
import { useOrg, useOrgChildren } from '../hooks';
import type { OrgChild, OrgDetail, OrgPolicies } from '../types';

function parseId(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id > 0 ? id : undefined;
}

export function OrgPage() {
  const params = useParams();
  const me = useCurrentUser();
  const id = parseId(params.id);
  const home = `/orgs/${me.scope.orgId}`;
  const query = useOrg(id);

  if (id === undefined) return <NotFound title="组织不存在" subTitle="组织编号不正确。" homePath={home} />;
  if (query.error) {
    const error = query.error;
    if (isApiError(error) && error.status === 403 && error.code === 'FORBIDDEN')
      return <NoPermission homePath={home} />;
    if (isApiError(error) && error.status === 404) {
      return <NotFound title="组织不存在" subTitle="该组织不存在或已被删除。" homePath={home} />;
    }
    return (
      <Result
        status="error"
        title="加载组织信息失败"
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!query.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  // key: fresh modal/filter state per organisation
  return <OrgView key={id} org={query.data.org} policies={query.data.policies} />;
}

type Dialog = 'create' | 'rename' | 'dissolve' | null;

function OrgView({ org, policies }: { org: OrgDetail; policies: OrgPolicies }) {
  const narrow = !useMediaQuery('(min-width: 576px)');
  const [dialog, setDialog] = useState<Dialog>(null);
  const dissolved = org.status === 'dissolved';
  // A 党小组 has a 组长, not a 书记; a dissolved organisation has no vacancy to fill.
  const expectsSecretary = !dissolved && org.kind !== '党小组';

  const breadcrumb = [
    ...org.ancestors.map((a) => ({ key: a.id, title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })),
    { key: org.id, title: org.shortName || org.name },
  ];

  const details: DescriptionsProps['items'] = [
    { key: 'code', label: '组织编码', children: <Typography.Text copyable>{org.code}</Typography.Text> },
    { key: 'kind', label: '组织类别', children: org.kind },
    { key: 'sector', label: '所在领域', children: org.sector },
    {
      key: 'status',
      label: '状态',
      children: dissolved ? (
        <Typography.Text type="danger" data-testid="org-status">
          已撤销（{formatDate(org.dissolvedOn)}）
        </Typography.Text>
      ) : (
        <Tag color="success" data-testid="org-status">
          正常
        </Tag>
      ),
    },
    { key: 'short', label: '简称', children: org.shortName || '—' },
    { key: 'established', label: '成立日期', children: formatDate(org.establishedOn) },
    {
      key: 'secretary',
      label: '现任书记',
      children: org.secretary ? (
        <span data-testid="org-secretary">
          {org.secretary.name}
          <Typography.Text type="secondary">（{formatDate(org.secretary.since)}起）</Typography.Text>
        </span>
      ) : expectsSecretary ? (
        <Tag color="warning" data-testid="org-secretary">
          书记空缺
        </Tag>
      ) : (
        '—'
      ),
    },
    {
      key: 'units',
      label: '单位名称',
      span: 'filled',
      children: org.unitNames.length ? org.unitNames.join('、') : '—',
    },
  ];

  const actions: ReactNode[] = [];
  if (policies.createChild) {
    actions.push(
      <Button
        key="create"
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setDialog('create')}
        data-testid="org-create-child"
      >
        新建下级组织
      </Button>,
    );
  }
  if (policies.rename) {
    actions.push(
      <Button
        key="rename"
        icon={<EditOutlined />}
        onClick={() => setDialog('rename')}
        data-testid="org-rename"
      >
        更名
      </Button>,
    );
  }
  if (policies.dissolve) {
    actions.push(
      <Button
        key="dissolve"
        danger
        icon={<DeleteOutlined />}
        onClick={() => setDialog('dissolve')}
        data-testid="org-dissolve"
      >
        撤销
      </Button>,
    );
  }

  return (
    <div data-testid="org-page" data-org-id={org.id}>
      <Breadcrumb items={breadcrumb} style={{ marginBottom: 12 }} />
      <div className="org-title-row">
        <Typography.Title level={narrow ? 4 : 3} style={{ margin: 0 }} data-testid="org-name">
          {org.name}
        </Typography.Title>
        <Tag color="red" variant="solid" data-testid="org-kind">
          {org.kind}
        </Tag>
        {dissolved && <Tag color="error">已撤销 {org.dissolvedOn}</Tag>}
        {actions.length > 0 && (
          <Space wrap className="org-actions">
            {actions}
          </Space>
        )}
      </div>

      {dissolved && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`该组织已于${formatDate(org.dissolvedOn)}撤销，仅供查阅历史信息。`}
        />
      )}

      <div
        className="stat-grid"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
          gap: 12,
          marginBottom: 8,
        }}
      >
        {/* The subtree leads (a township or county has no members of its own); direct figures follow. */}
        <StatCard
          title="党员总数（含各级下属）"
          value={org.counts.subtreeMembers}
          testId="org-subtree-member-count"
        />
        <StatCard title="下属组织（各级）" value={org.counts.subtreeOrgs} testId="org-subtree-org-count" />
      </div>
      <Typography.Paragraph type="secondary" data-testid="org-direct-counts">
        本级直属：党员 <Count value={org.counts.members} testId="org-member-count" /> 名（正式党员{' '}
        <Count value={org.counts.fullMembers} testId="org-full-member-count" /> 名，预备党员{' '}
        <Count value={org.counts.probationaryMembers} testId="org-probationary-member-count" /> 名）·
        直属下级组织 <Count value={org.counts.childOrgs} testId="org-child-count" /> 个
      </Typography.Paragraph>

      <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
        <Descriptions items={details} column={{ xs: 1, sm: 2, lg: 3 }} size="small" />
      </Card>

      <ChildrenCard org={org} />

      {policies.createChild && (
        <CreateChildOrgModal parent={org} open={dialog === 'create'} onClose={() => setDialog(null)} />
      )}
      {policies.rename && (
        <RenameOrgModal org={org} open={dialog === 'rename'} onClose={() => setDialog(null)} />
      )}
      {policies.dissolve && (
        <DissolveOrgModal org={org} open={dialog === 'dissolve'} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

function StatCard({ title, value, testId }: { title: string; value: number; testId: string }) {
  return (
    <Card size="small" className="stat-card">
      <Statistic
        title={title}
        value={value}
        formatter={(v) => <span data-testid={testId}>{Number(v).toLocaleString('zh-CN')}</span>}
      />
    </Card>
  );
}

function Count({ value, testId }: { value: number; testId: string }) {
  return <span data-testid={testId}>{value.toLocaleString('zh-CN')}</span>;
}

function ChildrenCard({ org }: { org: OrgDetail }) {
  const [includeDissolved, setIncludeDissolved] = useState(false);
  const children = useOrgChildren(org.id, includeDissolved);

  const columns: TableColumnsType<OrgChild> = [
    {
      key: 'name',
      title: '组织名称',
      render: (_v, c) => (
        <Space size={4} wrap>
          <Link to={`/orgs/${c.id}`}>{c.name}</Link>
          {c.status === 'dissolved' && <Tag color="error">已撤销</Tag>}
        </Space>
      ),
    },
    {
      key: 'kind',
      title: '类别',
      dataIndex: 'kind',
      width: 110,
      render: (kind: string) => <Tag>{kind}</Tag>,
    },
    { key: 'sector', title: '所在领域', dataIndex: 'sector', width: 100 },
    { key: 'childCount', title: '下级组织', dataIndex: 'childCount', width: 90, align: 'right' },
    { key: 'subtreeMembers', title: '党员总数', dataIndex: 'subtreeMembers', width: 90, align: 'right' },
  ];

  return (
    <Card
      title={`下级组织（${children.data?.length ?? org.counts.childOrgs}）`}
      size="small"
      extra={
        <Space size={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            含已撤销
          </Typography.Text>
          <Switch
            size="small"
            checked={includeDissolved}
            onChange={setIncludeDissolved}
            aria-label="显示已撤销的下级组织"
          />
        </Space>
      }
    >
      {children.error ? (
        <Alert type="error" showIcon title={errorMessage(children.error)} />
      ) : (
        <Table<OrgChild>
          data-testid="org-children"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={children.data ?? []}
          loading={children.isFetching}
          pagination={(children.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 560 }}
          locale={{ emptyText: '暂无下级组织' }}
        />
      )}
    </Card>
  );
}
