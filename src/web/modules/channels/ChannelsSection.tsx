import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Input,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Channel,
  type ChannelEvent,
  type ChannelKind,
  CreateChannelBody,
} from '../../../contracts/channels.js';
import { CHANNEL_EVENTS, CHANNEL_KINDS } from '../../../domain/channels.js';
import type { Language } from '../../../domain/people.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { FormActions } from '../../components/FormActions.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { applyServerErrors, zodErrors } from '../../lib/validation.js';
import {
  type ChannelScope,
  useChannelsQuery,
  useCreateChannelMutation,
  useDeleteChannelMutation,
  useSendTestMutation,
  useUpdateChannelMutation,
} from './channels.queries.js';
import { DeliveriesTable, eventName } from './DeliveriesTable.js';

interface Values {
  kind: ChannelKind;
  name: string;
  url: string;
  events: ChannelEvent[];
  language: Language;
  enabled: boolean;
}

const DEFAULT_EVENTS: ChannelEvent[] = [
  'goal.agreed',
  'goal.achieved',
  'handoff.submitted',
  'handoff.accepted',
  'demo.held',
];

function ChannelForm({
  scope,
  channel,
  onClose,
  onCreated,
}: {
  scope: ChannelScope;
  channel: Channel | null;
  onClose: () => void;
  onCreated: (secret: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const create = useCreateChannelMutation(scope);
  const update = useUpdateChannelMutation(scope);
  const mutation = channel ? update : create;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      kind: channel?.kind ?? 'teams',
      name: channel?.name ?? '',
      url: '',
      events: channel?.events ?? DEFAULT_EVENTS,
      language: channel?.language ?? (i18n.language === 'de' ? 'de' : 'en'),
      enabled: channel?.enabled ?? true,
    },
    validateInputOnBlur: true,
    validate: (v) =>
      channel
        ? zodErrors(CreateChannelBody.omit({ url: true }), v, t)
        : zodErrors(CreateChannelBody, v, t),
  });

  const submit = form.onSubmit((v) => {
    const onError = (e: unknown) => applyServerErrors(form, e, t);
    if (channel)
      update.mutate(
        {
          id: channel.id,
          body: {
            version: channel.version,
            name: v.name,
            events: v.events,
            language: v.language,
            enabled: v.enabled,
            ...(v.url.trim() ? { url: v.url.trim() } : {}),
          },
        },
        { onSuccess: onClose, onError },
      );
    else create.mutate(v, { onSuccess: (r) => onCreated(r.secret), onError });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Input.Wrapper label={t('channels.kind')}>
          <div>
            <SegmentedControl
              mt={6}
              fullWidth
              disabled={channel !== null}
              aria-label={t('channels.kind')}
              data={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`channels.kinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
          </div>
        </Input.Wrapper>
        <TextInput
          label={t('channels.name')}
          placeholder={t('channels.namePlaceholder')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('channels.url')}
          description={t(`channels.urlHint.${form.values.kind}`)}
          placeholder={channel ? t('channels.urlKeep') : 'https://…'}
          required={channel === null}
          type="url"
          autoComplete="off"
          {...form.getInputProps('url')}
        />
        <Checkbox.Group label={t('channels.events')} required {...form.getInputProps('events')}>
          <Stack gap={6} mt={6}>
            {CHANNEL_EVENTS.map((e) => (
              <Checkbox key={e} value={e} label={t(`channels.eventNames.${e}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Input.Wrapper label={t('channels.language')}>
          <div>
            <SegmentedControl
              mt={6}
              aria-label={t('channels.language')}
              data={[
                { value: 'de', label: 'Deutsch' },
                { value: 'en', label: 'English' },
              ]}
              {...form.getInputProps('language')}
            />
          </div>
        </Input.Wrapper>
        <Switch
          label={t('channels.enabled')}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
        />
        <ProblemAlert error={mutation.error} />
        <FormActions
          onCancel={onClose}
          loading={mutation.isPending}
          submitLabel={channel ? t('common.saveChanges') : t('channels.save')}
        />
      </Stack>
    </form>
  );
}

function ChannelCard({ scope, channel }: { scope: ChannelScope; channel: Channel }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const remove = useDeleteChannelMutation(scope);
  const test = useSendTestMutation();
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Group gap="xs">
              <Text fw={600}>{channel.name}</Text>
              <Badge variant="light" tt="none">
                {t(`channels.kinds.${channel.kind}`)}
              </Badge>
              <Badge variant="outline" color="gray">
                {channel.language.toUpperCase()}
              </Badge>
              {!channel.enabled ? (
                <Badge variant="outline" color="gray" tt="none">
                  {t('channels.paused')}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed">
              {t('channels.target')}: <Code>{channel.target}</Code>
            </Text>
          </div>
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconSend size={14} aria-hidden />}
              loading={test.isPending}
              onClick={() => test.mutate(channel.id, { onSuccess: () => setShowDeliveries(true) })}
            >
              {t('channels.sendTest')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setRemoving(true)}>
              {t('common.remove')}
            </Button>
          </Group>
        </Group>
        <Group gap={6}>
          {channel.events.map((e) => (
            <Badge key={e} size="sm" variant="default" tt="none" fw={500}>
              {eventName(e, t)}
            </Badge>
          ))}
        </Group>
        {test.isSuccess ? (
          <Text size="sm" c="dimmed" role="status">
            {t('channels.testSent')}
          </Text>
        ) : null}
        <ProblemAlert error={test.error} />
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          px={0}
          onClick={() => setShowDeliveries((v) => !v)}
          aria-expanded={showDeliveries}
        >
          {showDeliveries ? t('channels.hideDeliveries') : t('channels.showDeliveries')}
        </Button>
        {showDeliveries ? <DeliveriesTable channelId={channel.id} /> : null}
      </Stack>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('channels.edit')}
        size="lg"
      >
        {editing ? (
          <ChannelForm
            scope={scope}
            channel={channel}
            onClose={() => setEditing(false)}
            onCreated={() => setEditing(false)}
          />
        ) : null}
      </Modal>
      <ConfirmModal
        opened={removing}
        onClose={() => setRemoving(false)}
        onConfirm={() => remove.mutate(channel.id, { onSuccess: () => setRemoving(false) })}
        title={t('channels.removeTitle')}
        text={t('channels.removeText', { name: channel.name })}
        confirmLabel={t('channels.remove')}
        loading={remove.isPending}
        error={remove.error}
        destructive
      />
    </Paper>
  );
}

/** The chat channels of an initiative (`scope` its id) or of the workspace (`null`). */
export function ChannelsSection({ scope }: { scope: ChannelScope }) {
  const { t } = useTranslation();
  const query = useChannelsQuery(scope);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {scope === null ? t('channels.workspaceTitle') : t('channels.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            {scope === null ? t('channels.introWorkspace') : t('channels.introInitiative')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
          {t('channels.add')}
        </Button>
      </Group>
      {query.isPending ? <SkeletonRows rows={2} height={80} /> : null}
      {query.isError ? (
        <ProblemAlert error={query.error} onReload={() => void query.refetch()} />
      ) : null}
      {query.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('channels.empty')}
        </Text>
      ) : null}
      {query.data?.map((c) => (
        <ChannelCard key={c.id} scope={scope} channel={c} />
      ))}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('channels.add')} size="lg">
        {adding ? (
          <ChannelForm
            scope={scope}
            channel={null}
            onClose={() => setAdding(false)}
            onCreated={(s) => {
              setAdding(false);
              setSecret(s);
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={t('channels.secretTitle')}
      >
        <Stack gap="md">
          <Alert variant="light" color="yellow">
            {t('channels.secretText')}
          </Alert>
          <Code block style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret ?? ''}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(null)}>{t('common.close')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
