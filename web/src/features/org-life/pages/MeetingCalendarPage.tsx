import { CalendarOutlined, HeatMapOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Card, Empty, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import { useMediaQuery } from '../../../components/use-media-query';
import { meetingHeadcountLine } from '../../../../../src/core/org-life/headcount.ts';
import type { MeetingSummary } from '../api';
import { useMeetings } from '../hooks';
import { ScheduleMeetingModal } from './ScheduleMeetingModal';

export const STATUS_LABEL: Record<string, { text: string; color: string }> = {
  scheduled: { text: '待召开', color: 'blue' },
  held: { text: '已召开', color: 'green' },
  cancelled: { text: '已取消', color: 'default' },
};

function monthRange(d: Dayjs): [string, string] {
  const from = d.startOf('month');
  return [from.format('YYYY-MM-DD'), from.add(1, 'month').format('YYYY-MM-DD')];
}

export function MeetingCalendarPage() {
  const orgId = Number(useParams().orgId);
  const navigate = useNavigate();
  const wide = useMediaQuery('(min-width: 768px)');
  const [month, setMonth] = useState(() => dayjs(chinaToday()));
  const [open, setOpen] = useState(false);
  const [from, to] = monthRange(month);
  const query = useMeetings(orgId, from, to);

  if (query.error) {
    if (isApiError(query.error) && query.error.status === 403) return <NoPermission homePath="/" />;
    return <Result status="error" title="加载会议失败" subTitle={errorMessage(query.error)} />;
  }
  const meetings = query.data?.data ?? [];
  const byDay = new Map<string, MeetingSummary[]>();
  for (const m of meetings) byDay.set(m.heldOn, [...(byDay.get(m.heldOn) ?? []), m]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<span><CalendarOutlined /> 组织生活日历</span>}
        extra={
          <Space wrap>
            <Link to={`/orgs/${orgId}/org-life/compliance`}><Button icon={<HeatMapOutlined />}>达标情况</Button></Link>
            {query.data?.policies?.schedule && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>安排会议</Button>}
          </Space>
        }
      >
        {!query.data ? (
          <Skeleton active />
        ) : (
          <Calendar
            fullscreen={wide}
            value={month}
            onPanelChange={(d) => setMonth(d)}
            onSelect={(d, info) => { if (info.source === 'date' || info.source === 'month') setMonth(d); }}
            cellRender={(d, info) => {
              if (info.type !== 'date' || !wide) return null;
              const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
              return (
                <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {items.map((m) => (
                    <li key={m.id}><Badge status={m.status === 'held' ? 'success' : m.status === 'cancelled' ? 'default' : 'processing'} text={<Link to={`/org-life/meetings/${m.id}`}>{m.type}</Link>} /></li>
                  ))}
                </ul>
              );
            }}
          />
        )}
      </Card>
      <Card title={`${month.format('YYYY年M月')}会议`} size="small">
        {meetings.length === 0 ? (
          <Empty description="本月没有会议" />
        ) : (
          <List
            dataSource={meetings}
            renderItem={(m) => (
              <List.Item actions={[<Link key="open" to={`/org-life/meetings/${m.id}`}>查看</Link>]}>
                <List.Item.Meta
                  title={<Space wrap><Link to={`/org-life/meetings/${m.id}`}>{m.title}</Link><Tag>{m.type}</Tag><Tag color={STATUS_LABEL[m.status]?.color}>{STATUS_LABEL[m.status]?.text}</Tag></Space>}
                  description={<Typography.Text type="secondary">{formatDate(m.heldOn)}{m.startTime ? ` ${m.startTime}` : ''}{m.place ? ` · ${m.place}` : ''} · {meetingHeadcountLine(m.status, m.expected, m.present)}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <ScheduleMeetingModal orgId={orgId} open={open} defaultDate={chinaToday()} onClose={() => setOpen(false)} onCreated={(m) => { setOpen(false); void navigate(`/org-life/meetings/${m.id}`); }} />
    </Space>
  );
}
