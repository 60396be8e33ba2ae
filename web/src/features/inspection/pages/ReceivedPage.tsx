import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Result, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { useOrg } from '../../orgs/hooks';
import { inspectionApi } from '../api';
import { FindingsTable } from './FindingsTable';

/** 督查结果: what inspections found about this organisation and those below it (read-only). */
export function ReceivedPage() {
  const orgId = Number(useParams().orgId);
  const org = useOrg(orgId);
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const q = useQuery({
    queryKey: ['inspections', 'received', orgId, year],
    queryFn: () => inspectionApi.received(orgId, year),
  });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="inspection-received">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.data?.org.name ?? ''} · 督查结果
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={year}
            onChange={(v) => setYear(Number(v))}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Link to={`/orgs/${orgId}/bulletins`}>通报</Link>
        </Space>
      </Space>
      {q.data?.length === 0 && <Empty description="本年度没有督查记录" />}
      {(q.data ?? []).map((v) => (
        <Card
          key={v.id}
          size="small"
          title={
            <Space wrap>
              <Link to={`/inspections/visits/${v.id}`}>
                {v.orgName} · {formatDate(v.visitedOn)}
              </Link>
              <Tag>{v.plan.kind}</Tag>
              {v.notMet > 0 && <Tag color="red">不符合 {v.notMet} 项</Tag>}
            </Space>
          }
          extra={`${v.plan.orgName}：${v.plan.title}`}
        >
          <Typography.Paragraph>督查结论：{v.conclusion}</Typography.Paragraph>
          <FindingsTable findings={v.findings} orgId={v.orgId} manage={false} />
        </Card>
      ))}
    </Space>
  );
}
