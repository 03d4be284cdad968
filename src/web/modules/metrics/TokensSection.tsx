import { Button, Code, Group, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../contracts/metrics.js';
import {
  RevokeTokenCell,
  TokensCard,
  TokenStateBadge,
  useTokenCreation,
} from '../../components/ApiTokens.js';
import { CredentialTable, LastUsed } from '../../components/CredentialTable.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat } from '../../i18n/format.js';
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
        <LastUsed at={token.lastUsedAt} never={t('metrics.tokens.never')} />
      </Table.Td>
      <Table.Td>
        <TokenStateBadge usable={!token.revokedAt}>
          {token.revokedAt
            ? t('metrics.tokens.revokedOn', { date: fmt.date(token.revokedAt) })
            : t('metrics.tokens.active')}
        </TokenStateBadge>
      </Table.Td>
      <RevokeTokenCell
        revoked={revoked}
        label={t('metrics.tokens.revokeLabel', { name: token.name })}
        onClick={() => onRevoke(token)}
      />
    </Table.Tr>
  );
}

/** The example's time: now, to the minute, in the browser's zone. */
const now = () => localInputToIso(toLocalInput(new Date())) ?? new Date().toISOString();

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
  const form = useTokenCreation(create, (name) => name);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <TokensCard
      titleId="tokens-title"
      title={t('metrics.tokens.title')}
      intro={`${t('metrics.tokens.intro')} ${t('metrics.tokens.scope')}`}
      introMaw={760}
      padding="md"
      secret={form.created?.secret ?? null}
      example={
        form.created
          ? curlExample(window.location.origin, form.created.secret, metricId, now())
          : ''
      }
      secretTexts={{
        title: t('metrics.tokens.secretTitle', { name: form.created?.token.name ?? '' }),
        text: t('metrics.tokens.secretText'),
        secret: t('metrics.tokens.secret'),
        example: t('metrics.tokens.example'),
        copyExample: t('metrics.tokens.copyExample'),
      }}
      onCloseSecret={form.closeSecret}
      revoking={revoking}
      onCloseRevoke={() => setRevoking(null)}
      revoke={revoke}
      revokeTexts={{
        title: t('metrics.tokens.revokeTitle', { name: revoking?.name ?? '' }),
        text: t('metrics.tokens.revokeText'),
        confirm: t('metrics.tokens.revoke'),
        done: (name) => t('metrics.tokens.revoked', { name }),
      }}
    >
      <form noValidate onSubmit={form.onSubmit}>
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('metrics.tokens.name')}
            placeholder={t('metrics.tokens.namePlaceholder')}
            maxLength={80}
            {...form.nameInput}
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
        {create.error && !form.nameError ? <ProblemAlert error={create.error} /> : null}
      </form>

      <CredentialTable
        query={tokens}
        caption={t('metrics.tokens.title')}
        columns={[
          t('metrics.tokens.column.name'),
          t('metrics.tokens.column.prefix'),
          t('metrics.tokens.column.createdBy'),
          t('metrics.tokens.column.lastUsed'),
          t('metrics.tokens.column.state'),
        ]}
        actionsLabel={t('metrics.data.column.actions')}
        minWidth={640}
        empty={t('metrics.tokens.empty')}
        row={(token) => <TokenRow key={token.id} token={token} onRevoke={setRevoking} />}
      />
    </TokensCard>
  );
}
