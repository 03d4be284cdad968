import { Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionKind } from '../../../contracts/privacy.js';
import { RETENTION_KINDS } from '../../../domain/privacy.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useMe } from '../../queries/session.js';
import { usePeopleQuery } from '../../queries/people.js';
import {
  useErasePersonMutation,
  usePrivacySettingsQuery,
  useUpdatePrivacySettingsMutation,
} from './privacy.queries.js';

/** Admin: works-council mode, retention periods, erasing a person. */
export default function PrivacyAdminPage() {
  const { t } = useTranslation();
  const settings = usePrivacySettingsQuery();
  const update = useUpdatePrivacySettingsMutation();
  const erase = useErasePersonMutation();
  const people = usePeopleQuery();
  const me = useMe();
  const [days, setDays] = useState<Partial<Record<RetentionKind, number | null>>>({});
  const [personId, setPersonId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (settings.data) setDays(settings.data.retentionDays);
  }, [settings.data]);
  const person = people.data?.find((p) => p.id === personId);

  return (
    <>
      <PageHeader title={t('privacy.admin.title')} />
      {settings.isPending ? <SkeletonRows /> : null}
      {settings.isError ? (
        <ProblemAlert error={settings.error} onReload={() => void settings.refetch()} />
      ) : null}
      {settings.data ? (
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md">
            <Switch
              label={t('privacy.admin.worksCouncil')}
              description={t('privacy.admin.worksCouncilHint')}
              checked={settings.data.worksCouncilMode}
              disabled={update.isPending}
              onChange={(e) =>
                update.mutate(
                  { worksCouncilMode: e.currentTarget.checked },
                  { onSuccess: () => notifications.show({ message: t('privacy.admin.saved') }) },
                )
              }
            />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={3}>{t('privacy.admin.retention')}</Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('privacy.admin.retentionHint')}
            </Text>
            <Stack gap="xs">
              {RETENTION_KINDS.map((kind) => (
                <NumberInput
                  key={kind}
                  label={t(`privacy.admin.kinds.${kind}`)}
                  min={1}
                  max={36500}
                  allowDecimal={false}
                  value={days[kind] ?? ''}
                  onChange={(v) =>
                    setDays((d) => ({ ...d, [kind]: typeof v === 'number' ? v : null }))
                  }
                  maw={320}
                />
              ))}
            </Stack>
            {update.isError ? <ProblemAlert error={update.error} /> : null}
            <Group mt="md">
              <Button
                loading={update.isPending}
                onClick={() =>
                  update.mutate(
                    { retentionDays: days },
                    { onSuccess: () => notifications.show({ message: t('privacy.admin.saved') }) },
                  )
                }
              >
                {t('privacy.admin.save')}
              </Button>
            </Group>
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={3}>{t('privacy.admin.erase')}</Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('privacy.admin.eraseHint')}
            </Text>
            <Group align="end" wrap="wrap">
              <PersonSelect
                label={t('privacy.admin.person')}
                people={(people.data ?? []).filter((p) => p.id !== me.id)}
                value={personId}
                onChange={setPersonId}
                searchable
                maw={320}
              />
              <Button color="red" disabled={!person} onClick={() => setConfirming(true)}>
                {t('privacy.admin.eraseButton')}
              </Button>
            </Group>
          </Paper>
        </Stack>
      ) : null}
      <ConfirmModal
        opened={confirming && !!person}
        onClose={() => setConfirming(false)}
        title={t('privacy.admin.confirmTitle', { name: person?.name ?? '' })}
        text={t('privacy.admin.confirmText', { name: person?.name ?? '' })}
        confirmLabel={t('privacy.admin.eraseButton')}
        destructive
        loading={erase.isPending}
        error={erase.error}
        onConfirm={() =>
          personId &&
          erase.mutate(personId, {
            onSuccess: () => {
              notifications.show({ message: t('privacy.admin.erased', { name: person?.name }) });
              setConfirming(false);
              setPersonId(null);
            },
          })
        }
      />
    </>
  );
}
