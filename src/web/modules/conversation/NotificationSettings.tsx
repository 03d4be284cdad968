import { Alert, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel } from '../../../contracts/conversation.js';
import { NOTIFICATION_KINDS } from '../../../domain/conversation.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { usePreferencesQuery, useUpdatePreferencesMutation } from './conversation.queries.js';

/** Per kind of notification: inbox, inbox and email, or off. Part of the profile page. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const prefs = usePreferencesQuery();
  const update = useUpdatePreferencesMutation();
  const emailAvailable = prefs.data?.emailAvailable ?? false;
  const channels: NotificationChannel[] = emailAvailable
    ? ['inbox', 'email', 'off']
    : ['inbox', 'off'];
  return (
    <Paper withBorder p="lg" radius="md" id="notifications">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('inbox.prefs.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('inbox.prefs.intro')}
        </Text>
        {prefs.data && !emailAvailable ? (
          <Alert variant="light" color="gray" icon={<IconMailOff aria-hidden />}>
            {t('inbox.prefs.emailOff')}
          </Alert>
        ) : null}
        <ProblemAlert error={prefs.error ?? update.error} />
        {prefs.isPending ? <SkeletonRows rows={4} /> : null}
        {prefs.data ? (
          <Table className="stack-on-phone" verticalSpacing="xs">
            <Table.Tbody>
              {NOTIFICATION_KINDS.map((kind) => {
                const chosen = prefs.data.channels[kind];
                // Without email, "email" means the inbox.
                const value = !emailAvailable && chosen === 'email' ? 'inbox' : chosen;
                return (
                  <Table.Tr key={kind}>
                    <Table.Td data-label="">
                      <Text size="sm">{t(`inbox.kind.${kind}`)}</Text>
                    </Table.Td>
                    <Table.Td data-label="">
                      <SegmentedControl
                        size="xs"
                        value={value}
                        aria-label={t(`inbox.kind.${kind}`)}
                        onChange={(v) =>
                          update.mutate(
                            { [kind]: v as NotificationChannel },
                            {
                              onSuccess: () =>
                                notifications.show({
                                  color: 'blue',
                                  message: t('inbox.prefs.saved'),
                                }),
                            },
                          )
                        }
                        data={channels.map((c) => ({
                          value: c,
                          label: t(`inbox.prefs.channel.${c}`),
                        }))}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}
