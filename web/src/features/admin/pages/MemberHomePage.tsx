import {
  AccountBookOutlined,
  FileTextOutlined,
  FlagOutlined,
  IdcardOutlined,
  RightOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../auth/hooks';
import { PUBLIC_BOARD_ORG_PARAM } from '../../commitments/api';
import { rosterApi, rosterKeys } from '../../roster/api';

interface Entry {
  /** The page's path without its query (the entry's test id). */
  id: string;
  to: string;
  icon: ReactNode;
  title: string;
  hint: string;
}

/** What a member does on the phone; each page checks its own access on the server. */
const ENTRIES: Entry[] = [
  {
    id: '/roster/me',
    to: '/roster/me',
    icon: <IdcardOutlined />,
    title: '我的党员档案',
    hint: '本人信息、所在支部和书记、组织关系转接',
  },
  {
    id: '/evaluation/my',
    to: '/evaluation/my',
    icon: <FileTextOutlined />,
    title: '我的评议',
    hint: '民主评议党员：个人自评、测评投票',
  },
  {
    id: '/dues/me',
    to: '/dues/me',
    icon: <AccountBookOutlined />,
    title: '我的党费',
    hint: '待缴月份、在线缴纳、电子收据',
  },
];

/**
 * 公开承诺: the board of the member's own branch (the board needs an organisation), opened inside
 * the signed-in frame so the member keeps the way back (the same board is public under /p/).
 */
function commitmentsEntry(orgCode: string): Entry {
  return {
    id: '/commitments/public',
    to: `/commitments/public?${new URLSearchParams({ [PUBLIC_BOARD_ORG_PARAM]: orgCode }).toString()}`,
    icon: <FlagOutlined />,
    title: '公开承诺',
    hint: '查看本支部和党员的公开承诺',
  };
}

/** 我的 — the member's home on a phone. */
export function MemberHomePage() {
  const me = useCurrentUser();
  // The branch the member belongs to now; the account's scope is that branch when no record is found.
  const record = useQuery({ queryKey: rosterKeys.me, queryFn: rosterApi.me, retry: false });
  const branchCode = record.data?.org?.code ?? me.scope.orgCode;
  const entries = [...ENTRIES, commitmentsEntry(branchCode)];
  return (
    <div data-testid="member-home" style={{ maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={4}>
        <TeamOutlined /> {me.user.displayName}，您好
      </Typography.Title>
      <Typography.Paragraph type="secondary">所在组织：{me.scope.name}</Typography.Paragraph>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <List<Entry>
          dataSource={entries}
          renderItem={(e) => (
            <Link
              to={e.to}
              style={{ display: 'block', color: 'inherit' }}
              data-testid={`member-entry-${e.id}`}
            >
              <List.Item style={{ padding: '14px 16px' }} extra={<RightOutlined />}>
                <List.Item.Meta
                  avatar={<span style={{ fontSize: 20 }}>{e.icon}</span>}
                  title={e.title}
                  description={e.hint}
                />
              </List.Item>
            </Link>
          )}
        />
      </Card>
    </div>
  );
}
