import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popover, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/format';

import type { Notification } from '../api/notifications';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';

/** The header's bell: the unread count, and the newest notifications, each leading where it concerns. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();

  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];
  const total = notifications.data?.total ?? 0;

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const follow = (notification: Notification) => {
    if (notification.read_at === null) markRead.mutate(notification.id);
    // Only paths inside the app: the server links to screens, never elsewhere.
    if (notification.link && /^\/(?!\/)/.test(notification.link)) {
      setOpen(false);
      void navigate(notification.link);
    } else {
      close();
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };

  const panel = (
    <div
      ref={panelRef}
      role="region"
      aria-labelledby="notifications-heading"
      tabIndex={-1}
      className="notifications-panel"
      style={{ width: 360, maxWidth: 'calc(100vw - 48px)', outline: 'none' }}
      onKeyDown={onKeyDown}
    >
      <Flex justify="space-between" align="center" gap="small" wrap>
        <Typography.Title level={2} id="notifications-heading" className="card-heading">
          {t('notifications.title')}
        </Typography.Title>
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {notifications.isError ? (
        <ProblemAlert error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {notifications.isPending ? t('notifications.loading') : t('notifications.empty')}
        </Typography.Paragraph>
      ) : (
        <ul
          style={{
            listStyle: 'none',
            margin: '8px 0 0',
            padding: 0,
            maxHeight: 420,
            overflowY: 'auto',
          }}
        >
          {items.map((item) => {
            const isUnread = item.read_at === null;
            return (
              <li key={item.id} style={{ borderTop: '1px solid #f0f0f0' }}>
                <Button
                  type="text"
                  block
                  data-unread={isUnread}
                  onClick={() => follow(item)}
                  style={{
                    height: 'auto',
                    padding: '8px 4px',
                    whiteSpace: 'normal',
                    textAlign: 'start',
                    display: 'block',
                  }}
                >
                  {isUnread ? (
                    <span className="sr-only">{t('notifications.unreadMark')} </span>
                  ) : null}
                  <Typography.Text strong={isUnread} style={{ display: 'block' }}>
                    {item.message}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {formatDateTime(item.created_at)}
                  </Typography.Text>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {total > items.length ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('notifications.newestOf', { shown: items.length, total })}
        </Typography.Paragraph>
      ) : null}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={panel}
      afterOpenChange={(visible) => {
        if (!visible) return;
        const first = panelRef.current?.querySelector<HTMLElement>('li button');
        (first ?? panelRef.current)?.focus();
      }}
    >
      <Button
        ref={buttonRef}
        shape="circle"
        aria-label={t('notifications.bellLabel', { count: unread })}
        aria-expanded={open}
        aria-haspopup="true"
        icon={
          <Badge count={unread} size="small" overflowCount={99} offset={[4, -4]}>
            <BellOutlined aria-hidden />
          </Badge>
        }
      />
    </Popover>
  );
}
