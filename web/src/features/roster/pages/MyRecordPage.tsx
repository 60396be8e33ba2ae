import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { rosterApi, rosterKeys } from '../api';

/** 我的党员档案 (phone-sized): own record masked, own organisation and its secretary. */
export function MyRecordPage() {
  const q = useQuery({ queryKey: rosterKeys.me, queryFn: rosterApi.me });
  if (q.error) return <Result status="info" title="暂无党员档案" subTitle={errorMessage(q.error)} />;
  if (!q.data) return <Skeleton active />;
  const m = q.data;
  return (
    <div data-testid="roster-me" style={{ maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={4}>我的党员档案</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{m.name} <Tag color={m.category === '预备党员' ? 'orange' : 'red'}>{m.category}</Tag></Typography.Title>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="性别 / 民族">{m.gender} / {m.ethnicity}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{formatDate(m.birthDate)}</Descriptions.Item>
          <Descriptions.Item label="公民身份号码">{m.idNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{m.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="学历">{m.education ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="入党日期">{formatDate(m.joinedOn)}{m.partyYears !== null ? `（党龄${m.partyYears}年）` : ''}</Descriptions.Item>
          <Descriptions.Item label="转正日期">{formatDate(m.fullMemberOn)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="所在党组织">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="党组织">{m.org?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="书记">{m.secretary ? `${m.secretary.name}（${formatDate(m.secretary.since)}起）` : '暂缺'}</Descriptions.Item>
          {m.openTransfer && <Descriptions.Item label="组织关系转接">办理中</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          信息有误或需要转接组织关系，请联系所在党支部。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
