import {
  ActionIcon,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreatedToken } from '../../../contracts/metrics.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SkeletonRows } from '../../components/QueryState.js';
import { useFormat } from '../../i18n/format.js';
import { applyServerErrors } from '../../lib/validation.js';
import { localInputToIso, toLocalInput } from './metric-format.js';
import {
  useCreateTokenMutation,
  useRevokeTokenMutation,
  useTokensQuery,
} from './metrics.queries.js';

/** The curl call a developer can paste to push one value for this metric. */
export function curlExample(origin: string, secret: string, metricId: string, at: string): string {
  const body = JSON.stringify({ points: [{ metricId, at, value: 42 }] });
  return [
    `curl -X POST ${origin}/api/push/measurements \\`,
    `  -H 'Authorization: Bearer ${secret}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body}'`,
  ].join('\n');
}

function CopyIcon({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('common.copied') : label} withArrow>
          <ActionIcon
            size={36}
            variant={copied ? 'filled' : 'default'}
            onClick={copy}
            aria-label={copied ? t('common.copied') : label}
          >
            {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function SecretModal({
  created,
  metricId,
  onClose,
}: {
  created: CreatedToken | null;
  metricId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const at = localInputToIso(toLocalInput(new Date())) ?? new Date().toISOString();
  const example = created ? curlExample(window.location.origin, created.secret, metricId, at) : '';
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={created ? t('metrics.tokens.secretTitle', { name: created.token.name }) : ''}
      size="xl"
      centered
    >
      {created ? (
        <Stack gap="md">
          <Text size="sm">{t('metrics.tokens.secretText')}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={t('metrics.tokens.secret')}
              value={created.secret}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              onFocus={(e) => e.currentTarget.select()}
              data-autofocus
            />
            <CopyIcon value={created.secret} label={t('common.copy')} />
          </Group>
          <div>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={500}>
                {t('metrics.tokens.example')}
              </Text>
              <CopyIcon value={example} label={t('metrics.tokens.copyExample')} />
            </Group>
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

function TokenRow({ token, onRevoke }: { token: ApiToken; onRevoke: (t: ApiToken) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const revoked = token.revokedAt !== null;
  return (
    <Table.Tr style={revoked ? { opacity: 0.65 } : undefined}>
      <Table.Td fw={500}>{token.name}</Table.Td>
      <Table.Td data-label={t('metrics.tokens.column.prefix')}>
        <Code>{token.prefix}…</Code>
      </Table.Td>
      <Table.Td data-label={t('metrics.tokens.column.createdBy')}>
        <Text size="sm">{token.createdBy?.name ?? t('common.none')}</Text>
        <Text size="xs" c="dimmed">
          {fmt.date(token.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td data-label={t('metrics.tokens.column.lastUsed')}>
        {token.lastUsedAt ? (
          <time dateTime={token.lastUsedAt} title={fmt.dateTime(token.lastUsedAt)}>
            {fmt.relative(token.lastUsedAt)}
          </time>
        ) : (
          <Text span c="dimmed" size="sm">
            {t('metrics.tokens.never')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {revoked && token.revokedAt ? (
          <Badge variant="outline" color="gray" radius="sm">
            {t('metrics.tokens.revokedOn', { date: fmt.date(token.revokedAt) })}
          </Badge>
        ) : (
          <Badge variant="light" color="blue" radius="sm">
            {t('metrics.tokens.active')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td ta="right" className="phone-corner">
        {revoked ? null : (
          <Tooltip label={t('metrics.tokens.revokeLabel', { name: token.name })}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('metrics.tokens.revokeLabel', { name: token.name })}
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

/** API tokens for machines (owners and deputies): create (secret shown once), list, revoke. */
export function TokensSection({
  initiativeId,
  metricId,
}: {
  initiativeId: string;
  metricId: string;
}) {
  const { t } = useTranslation();
  const tokens = useTokensQuery(initiativeId, true);
  const create = useCreateTokenMutation(initiativeId);
  const revoke = useRevokeTokenMutation(initiativeId);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<React.ReactNode>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="tokens-title">
      <Stack gap="md">
        <div>
          <Group gap="xs">
            <IconKey size={20} aria-hidden />
            <Title order={2} fz="h4" id="tokens-title">
              {t('metrics.tokens.title')}
            </Title>
          </Group>
          <Text size="sm" c="dimmed" mt={4} maw={760}>
            {t('metrics.tokens.intro')} {t('metrics.tokens.scope')}
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
            create.mutate(name.trim(), {
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
            });
          }}
        >
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t('metrics.tokens.name')}
              placeholder={t('metrics.tokens.namePlaceholder')}
              value={name}
              maxLength={80}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(null);
              }}
              error={nameError}
              w={{ base: '100%', xs: 280 }}
            />
            <Button
              type="submit"
              loading={create.isPending}
              leftSection={<IconPlus size={16} aria-hidden />}
              mt={{ base: 0, xs: 25 }}
            >
              {t('metrics.tokens.create')}
            </Button>
          </Group>
          {create.error && !nameError ? <ProblemAlert error={create.error} /> : null}
        </form>

        {tokens.isPending ? (
          <SkeletonRows rows={2} />
        ) : tokens.isError ? (
          <ProblemAlert error={tokens.error} onReload={() => void tokens.refetch()} />
        ) : tokens.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('metrics.tokens.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640} className="stack-on-phone">
            <Table fz="sm" verticalSpacing={6}>
              <caption className="visually-hidden">{t('metrics.tokens.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('metrics.tokens.column.name')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.column.prefix')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.column.createdBy')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.column.lastUsed')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.column.state')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('metrics.data.column.actions')}</span>
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

      <SecretModal created={created} metricId={metricId} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        title={t('metrics.tokens.revokeTitle', { name: revoking?.name ?? '' })}
        text={t('metrics.tokens.revokeText')}
        confirmLabel={t('metrics.tokens.revoke')}
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
                message: t('metrics.tokens.revoked', { name: tokenName }),
                color: 'blue',
              });
            },
          });
        }}
      />
    </Paper>
  );
}
