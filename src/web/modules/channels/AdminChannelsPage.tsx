import { Button, Divider, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelTargetSettings } from '../../../contracts/channels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { ChannelsSection } from './ChannelsSection.js';
import { DeliveriesTable } from './DeliveriesTable.js';
import { useTargetSettingsQuery, useUpdateTargetSettingsMutation } from './channels.queries.js';

function TargetSettings() {
  const { t } = useTranslation();
  const query = useTargetSettingsQuery();
  const save = useUpdateTargetSettingsMutation();
  const [values, setValues] = useState<ChannelTargetSettings | null>(null);
  useEffect(() => {
    if (query.data) setValues(query.data);
  }, [query.data]);
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('channels.targets.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={640}>
          {t('channels.targets.intro')}
        </Text>
        <ProblemAlert error={query.error ?? save.error} />
        {values ? (
          <>
            <Switch
              label={t('channels.targets.allowPrivate')}
              checked={values.allowPrivateTargets}
              onChange={(e) =>
                setValues({ ...values, allowPrivateTargets: e.currentTarget.checked })
              }
            />
            <Switch
              label={t('channels.targets.allowHttp')}
              checked={values.allowHttp}
              onChange={(e) => setValues({ ...values, allowHttp: e.currentTarget.checked })}
            />
            <Group gap="sm">
              <Button w="fit-content" loading={save.isPending} onClick={() => save.mutate(values)}>
                {t('channels.targets.save')}
              </Button>
              {save.isSuccess ? (
                <Text size="sm" c="dimmed" role="status">
                  {t('channels.targets.saved')}
                </Text>
              ) : null}
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Admin: the workspace's channels, which addresses channels may reach, every attempt. */
export default function AdminChannelsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('channels.adminTitle')} />
      <Stack gap="xl">
        <ChannelsSection scope={null} />
        <TargetSettings />
        <Divider />
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('channels.allDeliveries')}
          </Title>
          <DeliveriesTable channelId={null} />
        </Stack>
      </Stack>
    </>
  );
}
