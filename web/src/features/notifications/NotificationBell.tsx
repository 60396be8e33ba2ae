// The bell in the header: the unread count, and a drawer with the latest notifications. Opening
// one marks it read and goes to its page; 全部已读 marks them all.
import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Drawer, Empty, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/http';
import { KIND_LABEL, type NotificationItem } from './api';
import { useLatestNotifications, useMarkAllRead, useMarkRead } from './hooks';

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : TIME.format(d);
}

export function NotificationBell() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const latest = useLatestNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = latest.data?.unread ?? 0;

  const openItem = async (n: NotificationItem) => {
    try {
      if (!n.readAt) await markRead.mutateAsync(n.id);
    } catch (e) {
      void message.error(errorMessage(e));
      return;
    }
    if (n.link) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const readAll = async () => {
    try {
      await markAll.mutateAsync();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Button
        type="text"
        className="app-header-button"
        aria-label={unread > 0 ? `通知，${unread}条未读` : '通知'}
        data-testid="notification-bell"
        onClick={() => setOpen(true)}
        icon={
          <Badge
            count={unread}
            overflowCount={99}
            size="small"
            offset={[4, -2]}
            data-testid="notification-count"
          >
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
      <Drawer
        placement="right"
        title={unread > 0 ? `通知（${unread}条未读）` : '通知'}
        size="min(400px, 92vw)"
        open={open}
        onClose={() => setOpen(false)}
        data-testid="notification-drawer"
        extra={
          <Button
            size="small"
            onClick={() => void readAll()}
            disabled={unread === 0}
            loading={markAll.isPending}
            data-testid="notification-read-all"
          >
            全部已读
          </Button>
        }
        styles={{ body: { padding: 0 } }}
      >
        {!latest.data ? (
          latest.error ? (
            <Alert type="error" showIcon title={errorMessage(latest.error)} style={{ margin: 16 }} />
          ) : (
            <div style={{ padding: 24, textAlign: 'center' }}>
              <Spin />
            </div>
          )
        ) : latest.data.data.length === 0 ? (
          <Empty description="暂无通知" style={{ padding: 32 }} />
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="notification-list">
            {latest.data.data.map((n) => (
              <li key={n.id} style={{ borderBottom: '1px solid #f0f0f0' }}>
                <button
                  type="button"
                  onClick={() => void openItem(n)}
                  data-testid="notification-item"
                  data-unread={n.readAt ? undefined : 'true'}
                  style={{
                    display: 'block',
                    width: '100%',
                    textAlign: 'left',
                    padding: '12px 16px',
                    border: 0,
                    cursor: n.link || !n.readAt ? 'pointer' : 'default',
                    background: n.readAt ? 'transparent' : '#fff7f0',
                  }}
                >
                  <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    {!n.readAt && <Badge status="error" />}
                    <Typography.Text strong={!n.readAt} ellipsis style={{ flex: 1 }}>
                      {n.title}
                    </Typography.Text>
                    <Tag style={{ marginInlineEnd: 0 }}>{KIND_LABEL[n.kind] ?? '通知'}</Tag>
                  </div>
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} ellipsis={{ rows: 3 }}>
                    {n.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(n.createdAt)}
                  </Typography.Text>
                </button>
              </li>
            ))}
          </ul>
        )}
        {latest.data && latest.data.total > latest.data.data.length && (
          <Typography.Paragraph type="secondary" style={{ padding: '8px 16px', margin: 0, fontSize: 12 }}>
            显示最近{latest.data.data.length}条，共{latest.data.total}条
          </Typography.Paragraph>
        )}
      </Drawer>
    </>
  );
}
