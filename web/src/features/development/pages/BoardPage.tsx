import { AuditOutlined, ImportOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Badge, Breadcrumb, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { NotFound } from '../../../components/NotFound';
import { PageLoading } from '../../../components/PageLoading';
import { useCurrentUser } from '../../auth/hooks';
import type { BoardCandidate } from '../api';
import { CreateCandidateModal } from '../components/CreateCandidateModal';
import { ErrorView, parseId } from '../components/ErrorView';
import { useBoard } from '../hooks';

const DONE_COLUMN = '已转正';

function CandidateCard({ c }: { c: BoardCandidate }) {
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`candidate-card-${c.id}`}>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Link to={`/development/candidates/${c.id}`}>
            <Typography.Text strong>{c.name}</Typography.Text>
          </Link>
          <Tag>{c.status}</Tag>
          {c.violations > 0 && (
            <Tag color="red" icon={<WarningOutlined />}>
              {c.violations}项问题
            </Tag>
          )}
          {c.upcoming > 0 && <Tag color="orange">{c.upcoming}项到期</Tag>}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          第{c.lastStep}步 {c.lastStepName}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.orgName} · 申请于{formatDate(c.appliedOn)}
        </Typography.Text>
      </Space>
    </Card>
  );
}

export function BoardPage() {
  const params = useParams();
  const me = useCurrentUser();
  const orgId = parseId(params.orgId);
  const query = useBoard(orgId);
  const [creating, setCreating] = useState(false);
  const home = `/orgs/${me.scope.orgId}`;
  if (orgId === undefined) return <NotFound title="组织不存在" subTitle="组织编号不正确。" homePath={home} />;
  if (query.error)
    return (
      <ErrorView error={query.error} homePath={home} what="发展党员看板" retry={() => void query.refetch()} />
    );
  if (!query.data) return <PageLoading />;
  const { org, stages, candidates } = query.data.data;
  const columns = [...stages, DONE_COLUMN];
  return (
    <div>
      <Breadcrumb
        items={[{ title: <Link to={`/orgs/${org.id}`}>{org.name}</Link> }, { title: '发展党员' }]}
        style={{ marginBottom: 12 }}
      />
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.name} · 发展党员流程看板
        </Typography.Title>
        <Space wrap>
          {query.data.policies?.create && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记入党申请人
            </Button>
          )}
          {query.data.policies?.import && (
            <Link to={`/orgs/${org.id}/development/import`}>
              <Button icon={<ImportOutlined />} data-testid="development-import-link">
                导入在途流程
              </Button>
            </Link>
          )}
          <Link to={`/orgs/${org.id}/development/audit`}>
            <Button icon={<AuditOutlined />}>自查自纠</Button>
          </Link>
        </Space>
      </Space>
      {!query.data.policies?.create && (
        <Typography.Paragraph type="secondary">
          入党申请人登记在党支部；请进入具体党支部登记。
        </Typography.Paragraph>
      )}
      <div
        style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}
        data-testid="development-board"
      >
        {columns.map((title, i) => {
          const list = candidates.filter((c) => c.stage === i + 1);
          return (
            <div
              key={title}
              style={{ minWidth: 240, flex: '1 0 240px' }}
              data-testid={`stage-column-${i + 1}`}
            >
              <Card
                size="small"
                title={
                  <Space>
                    <span>{title}</span>
                    <Badge count={list.length} showZero color="#c00" />
                  </Space>
                }
                styles={{ body: { background: '#fafafa', maxHeight: '70vh', overflowY: 'auto' } }}
              >
                {list.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />
                ) : (
                  list.map((c) => <CandidateCard key={c.id} c={c} />)
                )}
              </Card>
            </div>
          );
        })}
      </div>
      {creating && <CreateCandidateModal orgId={org.id} open={creating} onClose={() => setCreating(false)} />}
    </div>
  );
}
