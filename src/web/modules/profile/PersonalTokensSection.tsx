import {
  ActionIcon,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  Input,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedPersonalToken, PersonalToken } from '../../../contracts/account-security.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { applyServerErrors } from '../../lib/validation.js';
import {
  useCreatePersonalTokenMutation,
  usePersonalTokensQuery,
  useRevokePersonalTokenMutation,
} from './account-security.queries.js';

const EXPIRY_DAYS = ['7', '30', '90', '365'] as const;

function SecretModal({
  created,
  onClose,
}: {
  created: CreatedPersonalToken | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const example = created
    ? `curl -H 'Authorization: Bearer ${created.secret}' ${window.location.origin}/api/me`
    : '';
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={created ? t('profile.tokens.secretTitle', { name: created.name }) : ''}
      size="xl"
      centered
    >
      {created ? (
        <Stack gap="md">
          <Text size="sm">{t('profile.tokens.secretText')}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={t('profile.tokens.secret')}
              value={created.secret}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              onFocus={(e) => e.currentTarget.select()}
              data-autofocus
            />
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <ActionIcon
                  size={36}
                  variant={copied ? 'filled' : 'default'}
                  onClick={copy}
                  aria-label={copied ? t('common.copied') : t('common.copy')}
                >
                  {copied ? (
                    <IconCheck size={18} aria-hidden />
                  ) : (
                    <IconCopy size={18} aria-hidden />
                  )}
                </ActionIcon>
              )}
            </CopyButton>
          </Group>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('profile.tokens.example')}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {example}
            </Code>
          </div>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function TokenRow({
  token,
  onRevoke,
}: {
  token: PersonalToken;
  onRevoke: (t: PersonalToken) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const expired = Date.parse(token.expiresAt) <= Date.now();
  const inactive = token.revokedAt !== null || expired;
  return (
    <Table.Tr style={inactive ? { opacity: 0.65 } : undefined}>
      <Table.Td fw={500}>
        {token.name}
        <Text size="xs" c="dimmed">
          <Code>{token.prefix}…</Code>
        </Text>
      </Table.Td>
      <Table.Td data-label={t('profile.tokens.access')}>
        {t(`profile.tokens.accessLabel.${token.access}`)}
      </Table.Td>
      <Table.Td data-label={t('profile.tokens.lastUsed')}>
        {token.lastUsedAt ? (
          <time dateTime={token.lastUsedAt} title={fmt.dateTime(token.lastUsedAt)}>
            {fmt.relative(token.lastUsedAt)}
          </time>
        ) : (
          <Text span c="dimmed" size="sm">
            {t('profile.tokens.never')}
          </Text>
        )}
      </Table.Td>
      <Table.Td data-label={t('profile.tokens.state')}>
        {token.revokedAt ? (
          <Badge variant="outline" color="gray" radius="sm">
            {t('profile.tokens.revokedOn', { date: fmt.date(token.revokedAt) })}
          </Badge>
        ) : expired ? (
          <Badge variant="outline" color="gray" radius="sm">
            {t('profile.tokens.expiredOn', { date: fmt.date(token.expiresAt) })}
          </Badge>
        ) : (
          <Badge variant="light" color="blue" radius="sm">
            {t('profile.tokens.validUntil', { date: fmt.date(token.expiresAt) })}
          </Badge>
        )}
      </Table.Td>
      <Table.Td ta="right" className="phone-corner">
        {token.revokedAt ? null : (
          <Tooltip label={t('profile.tokens.revokeLabel', { name: token.name })}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('profile.tokens.revokeLabel', { name: token.name })}
              onClick={() => onRevoke(token)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Personal API tokens: create (secret shown once), list with last use and expiry, revoke. */
export function PersonalTokensSection() {
  const { t } = useTranslation();
  const tokens = usePersonalTokensQuery();
  const create = useCreatePersonalTokenMutation();
  const revoke = useRevokePersonalTokenMutation();
  const [name, setName] = useState('');
  const [access, setAccess] = useState<'read' | 'write'>('read');
  const [days, setDays] = useState<string>('90');
  const [nameError, setNameError] = useState<React.ReactNode>(null);
  const [created, setCreated] = useState<CreatedPersonalToken | null>(null);
  const [revoking, setRevoking] = useState<PersonalToken | null>(null);

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="my-tokens-title">
      <Stack gap="md">
        <div>
          <Group gap="xs">
            <IconKey size={20} aria-hidden />
            <Title order={2} fz="h4" id="my-tokens-title">
              {t('profile.tokens.title')}
            </Title>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            {t('profile.tokens.intro')}
          </Text>
        </div>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) {
              setNameError(t('validation.required'));
              return;
            }
            create.mutate(
              { name: name.trim(), access, expiresInDays: Number(days) },
              {
                onSuccess: (c) => {
                  setName('');
                  setCreated(c);
                },
                onError: (err) =>
                  applyServerErrors(
                    { setErrors: (errors) => setNameError(errors.name ?? null) },
                    err,
                    t,
                  ),
              },
            );
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('profile.tokens.name')}
              placeholder={t('profile.tokens.namePlaceholder')}
              value={name}
              maxLength={100}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(null);
              }}
              error={nameError}
            />
            <Group align="flex-end" gap="sm">
              <Input.Wrapper label={t('profile.tokens.access')}>
                <div>
                  <SegmentedControl
                    mt={4}
                    aria-label={t('profile.tokens.access')}
                    value={access}
                    onChange={(v) => setAccess(v === 'write' ? 'write' : 'read')}
                    data={[
                      { value: 'read', label: t('profile.tokens.accessLabel.read') },
                      { value: 'write', label: t('profile.tokens.accessLabel.write') },
                    ]}
                  />
                </div>
              </Input.Wrapper>
              <Select
                label={t('profile.tokens.expiry')}
                value={days}
                onChange={(v) => setDays(v ?? '90')}
                allowDeselect={false}
                data={EXPIRY_DAYS.map((d) => ({
                  value: d,
                  label: t('profile.tokens.days', { count: Number(d) }),
                }))}
                w={160}
              />
              <Button type="submit" loading={create.isPending}>
                {t('profile.tokens.create')}
              </Button>
            </Group>
            {create.error && !nameError ? <ProblemAlert error={create.error} /> : null}
          </Stack>
        </form>

        {tokens.isPending ? (
          <SkeletonRows rows={2} />
        ) : tokens.isError ? (
          <ProblemAlert error={tokens.error} onReload={() => void tokens.refetch()} />
        ) : tokens.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('profile.tokens.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560} className="stack-on-phone">
            <Table fz="sm" verticalSpacing={6}>
              <caption className="visually-hidden">{t('profile.tokens.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('profile.tokens.name')}</Table.Th>
                  <Table.Th>{t('profile.tokens.access')}</Table.Th>
                  <Table.Th>{t('profile.tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('profile.tokens.state')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('profile.tokens.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.map((token) => (
                  <TokenRow key={token.id} token={token} onRevoke={setRevoking} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <SecretModal created={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        title={t('profile.tokens.revokeTitle', { name: revoking?.name ?? '' })}
        text={t('profile.tokens.revokeText')}
        confirmLabel={t('profile.tokens.revoke')}
        destructive
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (!revoking) return;
          const tokenName = revoking.name;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoking(null);
              notifications.show({
                message: t('profile.tokens.revoked', { name: tokenName }),
                color: 'blue',
              });
            },
          });
        }}
      />
    </Paper>
  );
}
