// 责任清单 page of one organisation: items per post holder, 责任书, 年度履责情况.
import { Segmented, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { chinaToday } from '../../../components/dates';
import { useCurrentUser } from '../../auth/hooks';
import { useOrg } from '../../orgs/hooks';
import { ItemsPanel } from './ItemsPanel';
import { LettersPanel } from './LettersPanel';
import { SummaryPanel } from './SummaryPanel';

export function ResponsibilityPage() {
  const orgId = Number(useParams().orgId);
  const [search] = useSearchParams();
  const org = useOrg(orgId);
  const me = useCurrentUser();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(Number(search.get('year')) || thisYear);
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, year])].sort();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="responsibility-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Link to={`/orgs/${orgId}`}>‹ 返回组织</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {org.data?.org.name ?? ''} · 党建责任清单
          </Typography.Title>
        </Space>
        <Segmented
          value={year}
          onChange={(v) => setYear(Number(v))}
          options={years.map((y) => ({ value: y, label: `${y}年` }))}
        />
      </Space>
      <Tabs
        defaultActiveKey={search.get('tab') ?? 'items'}
        items={[
          { key: 'items', label: '责任清单', children: <ItemsPanel orgId={orgId} year={year} /> },
          {
            key: 'letters',
            label: '责任书',
            children: <LettersPanel orgId={orgId} year={year} canIssue={me.roles.includes('org_admin')} />,
          },
          { key: 'summary', label: '年度履责情况', children: <SummaryPanel orgId={orgId} year={year} /> },
        ]}
      />
    </Space>
  );
}
