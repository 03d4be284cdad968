import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDevices } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/account-security.js';
import { problemMessage } from '../../api/problems.js';
import { CredentialTable, LastUsed } from '../../components/CredentialTable.js';
import { useFormat } from '../../i18n/format.js';
import {
  useEndOtherSessionsMutation,
  useEndSessionMutation,
  useSessionsQuery,
} from './account-security.queries.js';

/** "Firefox on Linux", "Safari on iOS", or "Unknown device". */
export function useDeviceLabel() {
  const { t } = useTranslation();
  return (s: Pick<SessionInfo, 'browser' | 'os'>) =>
    s.browser && s.os
      ? t('profile.sessions.deviceOn', { browser: s.browser, os: s.os })
      : (s.browser ?? s.os ?? t('profile.sessions.unknownDevice'));
}

/** Where I am signed in: device, address, since, last seen; end one or all others. */
export function SessionsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const device = useDeviceLabel();
  const sessions = useSessionsQuery();
  const end = useEndSessionMutation();
  const endOthers = useEndOtherSessionsMutation();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="sessions-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <IconDevices size={20} aria-hidden />
              <Title order={2} fz="h4" id="sessions-title">
                {t('profile.sessions.title')}
              </Title>
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {t('profile.sessions.intro')}
            </Text>
          </div>
          <Button
            variant="default"
            disabled={others === 0}
            loading={endOthers.isPending}
            onClick={() =>
              endOthers.mutate(undefined, {
                onSuccess: (r) =>
                  notifications.show({
                    color: 'blue',
                    message: t('profile.sessions.endedOthers', { count: r.ended }),
                  }),
                onError: (e) => notifications.show({ color: 'red', message: problemMessage(e, t) }),
              })
            }
          >
            {t('profile.sessions.endOthers')}
          </Button>
        </Group>
        <CredentialTable
          query={sessions}
          caption={t('profile.sessions.title')}
          columns={[
            t('profile.sessions.device'),
            t('profile.sessions.place'),
            t('profile.sessions.since'),
            t('profile.sessions.lastSeen'),
          ]}
          actionsLabel={t('profile.tokens.actions')}
          minWidth={560}
          row={(s) => (
            <Table.Tr key={s.id}>
              <Table.Td fw={500}>
                {device(s)}
                {s.current ? (
                  <Badge ml="xs" variant="light" color="blue" radius="sm">
                    {t('profile.sessions.thisOne')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td data-label={t('profile.sessions.place')}>
                {s.ip ?? t('common.none')}
              </Table.Td>
              <Table.Td data-label={t('profile.sessions.since')}>
                {fmt.dateTime(s.createdAt)}
              </Table.Td>
              <Table.Td data-label={t('profile.sessions.lastSeen')}>
                <LastUsed at={s.lastSeenAt} />
              </Table.Td>
              <Table.Td ta="right" className="phone-corner">
                {s.current ? null : (
                  <Button
                    size="xs"
                    variant="subtle"
                    loading={end.isPending && end.variables === s.id}
                    aria-label={t('profile.sessions.endLabel', { device: device(s) })}
                    onClick={() =>
                      end.mutate(s.id, {
                        onError: (e) =>
                          notifications.show({ color: 'red', message: problemMessage(e, t) }),
                      })
                    }
                  >
                    {t('profile.sessions.end')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Stack>
    </Paper>
  );
}
