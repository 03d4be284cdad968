import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewCalendarFeed } from '../../../contracts/demos.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat } from '../../i18n/format.js';
import {
  type CalendarFeed,
  useCalendarFeedsQuery,
  useCreateFeedMutation,
  useRevokeFeedMutation,
} from './demos.queries.js';

const absolute = (f: NewCalendarFeed) =>
  f.url.startsWith('/') ? `${window.location.origin}${f.url}` : f.url;

/** The secret link, shown once right after it was created, with copy and how to subscribe. */
function NewLink({ feed }: { feed: NewCalendarFeed }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="new-feed-link">
      <Group gap="xs" wrap="nowrap">
        <TextInput
          aria-label={t('demos.feed.link')}
          readOnly
          value={absolute(feed)}
          style={{ flex: 1 }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={absolute(feed)}>
          {({ copied, copy }) => (
            <Button size="sm" variant="default" onClick={copy}>
              {copied ? t('demos.feed.copied') : t('demos.feed.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('demos.feed.onlyNow')} {t('demos.feed.hint')}
      </Text>
    </Stack>
  );
}

/**
 * My Kalender-Abo links that concern this initiative: one for this initiative and one for all
 * my demos. Creating, resetting (a new secret; the old link stops) and revoking.
 */
export function CalendarFeeds({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const feeds = useCalendarFeedsQuery();
  const create = useCreateFeedMutation();
  const revoke = useRevokeFeedMutation();
  const [created, setCreated] = useState<NewCalendarFeed | null>(null);
  const [confirm, setConfirm] = useState<{ kind: 'reset' | 'revoke'; feed: CalendarFeed } | null>(
    null,
  );

  const mine = (feeds.data ?? []).filter(
    (f) => f.initiative === null || f.initiative.id === initiativeId,
  );
  const forThis = mine.find((f) => f.initiative?.id === initiativeId);
  const forAll = mine.find((f) => f.initiative === null);
  const scope = (f: CalendarFeed) =>
    f.initiative ? t('demos.feed.scopeInitiative') : t('demos.feed.scopeAll');
  const make = (id: string | null) =>
    create.mutate(id, {
      onSuccess: (feed) => {
        setCreated(feed);
        setConfirm(null);
      },
    });

  return (
    <Stack gap={6} mt="sm">
      <Title order={3} fz="h6">
        {t('demos.feed.title')}
      </Title>
      {mine.length ? (
        <Stack gap={4}>
          {mine.map((f) => (
            <Paper key={f.id} withBorder p={6} px="xs" radius="sm" data-testid="calendar-feed">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500}>
                    {scope(f)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('demos.feed.created', { date: fmt.date(f.createdAt) })} ·{' '}
                    {f.lastUsedAt
                      ? t('demos.feed.lastUsed', { when: fmt.relative(f.lastUsedAt) })
                      : t('demos.feed.neverUsed')}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconRefresh size={14} aria-hidden />}
                    onClick={() => setConfirm({ kind: 'reset', feed: f })}
                  >
                    {t('demos.feed.reset')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="gray"
                    leftSection={<IconTrash size={14} aria-hidden />}
                    onClick={() => setConfirm({ kind: 'revoke', feed: f })}
                  >
                    {t('demos.feed.revoke')}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : feeds.isSuccess ? (
        <Text size="xs" c="dimmed">
          {t('demos.feed.none')}
        </Text>
      ) : null}
      {!forThis || !forAll ? (
        <Group gap="xs">
          {!forThis ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconCalendarPlus size={14} aria-hidden />}
              loading={create.isPending && create.variables === initiativeId}
              onClick={() => make(initiativeId)}
            >
              {t('demos.feed.subscribe')}
            </Button>
          ) : null}
          {!forAll ? (
            <Button
              size="xs"
              variant="subtle"
              loading={create.isPending && create.variables === null}
              onClick={() => make(null)}
            >
              {t('demos.feed.subscribeAll')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      {created ? <NewLink feed={created} /> : null}
      {feeds.error ? <ProblemAlert error={feeds.error} /> : null}
      {create.error && !confirm ? <ProblemAlert error={create.error} /> : null}
      {revoke.error && !confirm ? <ProblemAlert error={revoke.error} /> : null}
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={
          confirm?.kind === 'revoke' ? t('demos.feed.revokeTitle') : t('demos.feed.resetTitle')
        }
        text={confirm?.kind === 'revoke' ? t('demos.feed.revokeText') : t('demos.feed.resetText')}
        confirmLabel={confirm?.kind === 'revoke' ? t('demos.feed.revoke') : t('demos.feed.reset')}
        destructive
        loading={create.isPending || revoke.isPending}
        error={confirm?.kind === 'revoke' ? revoke.error : create.error}
        onConfirm={() => {
          if (!confirm) return;
          const f = confirm.feed;
          if (confirm.kind === 'reset') make(f.initiative?.id ?? null);
          else
            revoke.mutate(f.id, {
              onSuccess: () => {
                setConfirm(null);
                if (created?.id === f.id) setCreated(null);
              },
            });
        }}
      />
    </Stack>
  );
}
