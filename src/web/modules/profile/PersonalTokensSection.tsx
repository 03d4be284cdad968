import {
  Button,
  Code,
  Group,
  Input,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonalToken } from '../../../contracts/account-security.js';
import {
  RevokeTokenCell,
  TokensCard,
  TokenStateBadge,
  useTokenCreation,
} from '../../components/ApiTokens.js';
import { CredentialTable, LastUsed } from '../../components/CredentialTable.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat } from '../../i18n/format.js';
import {
  useCreatePersonalTokenMutation,
  usePersonalTokensQuery,
  useRevokePersonalTokenMutation,
} from './account-security.queries.js';

const EXPIRY_DAYS = ['7', '30', '90', '365'] as const;

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
        <LastUsed at={token.lastUsedAt} never={t('profile.tokens.never')} />
      </Table.Td>
      <Table.Td data-label={t('profile.tokens.state')}>
        <TokenStateBadge usable={!inactive}>
          {token.revokedAt
            ? t('profile.tokens.revokedOn', { date: fmt.date(token.revokedAt) })
            : expired
              ? t('profile.tokens.expiredOn', { date: fmt.date(token.expiresAt) })
              : t('profile.tokens.validUntil', { date: fmt.date(token.expiresAt) })}
        </TokenStateBadge>
      </Table.Td>
      <RevokeTokenCell
        revoked={token.revokedAt !== null}
        label={t('profile.tokens.revokeLabel', { name: token.name })}
        onClick={() => onRevoke(token)}
      />
    </Table.Tr>
  );
}

/** Personal API tokens: create (secret shown once), list with last use and expiry, revoke. */
export function PersonalTokensSection() {
  const { t } = useTranslation();
  const tokens = usePersonalTokensQuery();
  const create = useCreatePersonalTokenMutation();
  const revoke = useRevokePersonalTokenMutation();
  const [access, setAccess] = useState<'read' | 'write'>('read');
  const [days, setDays] = useState<string>('90');
  const form = useTokenCreation(create, (name) => ({
    name,
    access,
    expiresInDays: Number(days),
  }));
  const [revoking, setRevoking] = useState<PersonalToken | null>(null);

  return (
    <TokensCard
      titleId="my-tokens-title"
      title={t('profile.tokens.title')}
      intro={t('profile.tokens.intro')}
      padding="lg"
      secret={form.created?.secret ?? null}
      example={
        form.created
          ? `curl -H 'Authorization: Bearer ${form.created.secret}' ${window.location.origin}/api/me`
          : ''
      }
      secretTexts={{
        title: t('profile.tokens.secretTitle', { name: form.created?.name ?? '' }),
        text: t('profile.tokens.secretText'),
        secret: t('profile.tokens.secret'),
        example: t('profile.tokens.example'),
      }}
      onCloseSecret={form.closeSecret}
      revoking={revoking}
      onCloseRevoke={() => setRevoking(null)}
      revoke={revoke}
      revokeTexts={{
        title: t('profile.tokens.revokeTitle', { name: revoking?.name ?? '' }),
        text: t('profile.tokens.revokeText'),
        confirm: t('profile.tokens.revoke'),
        done: (name) => t('profile.tokens.revoked', { name }),
      }}
    >
      <form noValidate onSubmit={form.onSubmit}>
        <Stack gap="sm">
          <TextInput
            label={t('profile.tokens.name')}
            placeholder={t('profile.tokens.namePlaceholder')}
            maxLength={100}
            {...form.nameInput}
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
          {create.error && !form.nameError ? <ProblemAlert error={create.error} /> : null}
        </Stack>
      </form>

      <CredentialTable
        query={tokens}
        caption={t('profile.tokens.title')}
        columns={[
          t('profile.tokens.name'),
          t('profile.tokens.access'),
          t('profile.tokens.lastUsed'),
          t('profile.tokens.state'),
        ]}
        actionsLabel={t('profile.tokens.actions')}
        minWidth={560}
        empty={t('profile.tokens.empty')}
        row={(token) => <TokenRow key={token.id} token={token} onRevoke={setRevoking} />}
      />
    </TokensCard>
  );
}
