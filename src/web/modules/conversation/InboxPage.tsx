import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconBell, IconMailExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Notification } from '../../../contracts/conversation.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PersonChip } from '../../components/PersonChip.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import {
  useMarkAllReadMutation,
  useMarkReadMutation,
  useNotificationsQuery,
} from './conversation.queries.js';

function NotificationRow({ n }: { n: Notification }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const markRead = useMarkReadMutation();
  const unread = n.readAt === null;
  const open = () => {
    if (unread) markRead.mutate(n.id);
    void navigate(n.link);
  };
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="notification"
      style={unread ? { borderLeft: '4px solid var(--mantine-color-blue-6)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Badge variant={unread ? 'filled' : 'light'} size="sm" tt="none">
              {t(`inbox.kind.${n.kind}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {f.relative(n.createdAt)}
            </Text>
            {n.emailStatus === 'failed' ? (
              <Group gap={2} c="orange">
                <IconMailExclamation size={14} aria-hidden />
                <Text size="xs">{t('inbox.emailFailed')}</Text>
              </Group>
            ) : null}
          </Group>
          <Anchor
            component={Link}
            to={n.link}
            fw={unread ? 600 : 400}
            onClick={(e) => {
              e.preventDefault();
              open();
            }}
          >
            {n.title}
          </Anchor>
          {n.excerpt ? (
            n.kind === 'weekly_digest' ? (
              // The digest lists one thing per line.
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                {n.excerpt}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" lineClamp={2}>
                {n.excerpt}
              </Text>
            )
          ) : null}
          {n.actor ? <PersonChip person={n.actor} size="xs" /> : null}
        </Stack>
        {unread ? (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => markRead.mutate(n.id)}
            loading={markRead.isPending}
          >
            {t('inbox.markRead')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

/** The inbox: what needs me, newest first; each entry leads to its item. */
export function InboxPage() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotificationsQuery(unreadOnly);
  const markAll = useMarkAllReadMutation();
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        description={t('inbox.description')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/profile#notifications" variant="default">
              {t('inbox.settings')}
            </Button>
            <Button
              variant="default"
              onClick={() => markAll.mutate()}
              loading={markAll.isPending}
              disabled={!list.data?.unread}
            >
              {t('inbox.markAllRead')}
            </Button>
          </Group>
        }
      />
      <Stack gap="sm">
        <Switch
          label={t('inbox.unreadOnly')}
          checked={unreadOnly}
          onChange={(e) => setUnreadOnly(e.currentTarget.checked)}
        />
        <ProblemAlert error={list.error ?? markAll.error} onReload={() => void list.refetch()} />
        {list.isPending ? <SkeletonRows rows={4} height={64} /> : null}
        {list.data && items.length === 0 ? (
          <EmptyState icon={<IconBell />} title={t('inbox.title')} text={t('inbox.empty')} />
        ) : null}
        {items.map((n) => (
          <NotificationRow key={n.id} n={n} />
        ))}
      </Stack>
    </>
  );
}

export default InboxPage;
