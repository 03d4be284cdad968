import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from './conversation.queries.js';

/** The bell in the header: the inbox, with the number of unread notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data ?? 0;
  return (
    <Indicator
      label={unread > 99 ? '99+' : unread}
      size={16}
      disabled={unread === 0}
      offset={4}
      color="red"
    >
      <ActionIcon
        component={Link}
        to="/inbox"
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={t('inbox.bell', { count: unread })}
        data-testid="notification-bell"
      >
        <IconBell size={20} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}
