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
import { IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../lib/validation.js';
import { ConfirmModal } from './ConfirmModal.js';

/**
 * The pieces every API-token section shares (personal tokens on the profile, machine tokens
 * of an initiative's metrics): the name field's state, the once-shown secret, the revoke
 * button and its confirmation. The sections bring their own words and columns.
 */

/** A copy button: filled and "Copied" for a moment after a click. */
export function CopyIcon({ value, label }: { value: string; label: string }) {
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

export interface SecretTexts {
  title: string;
  text: string;
  secret: string;
  example: string;
  /** With it, the example gets its own copy button. */
  copyExample?: string;
}

/** The new token's secret, shown this once, with a copy button and an example call. */
function TokenSecretModal({
  secret,
  example,
  texts,
  onClose,
}: {
  secret: string | null;
  example: string;
  texts: SecretTexts;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={secret !== null ? texts.title : ''}
      size="xl"
      centered
    >
      {secret !== null ? (
        <Stack gap="md">
          <Text size="sm">{texts.text}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={texts.secret}
              value={secret}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              onFocus={(e) => e.currentTarget.select()}
              data-autofocus
            />
            <CopyIcon value={secret} label={t('common.copy')} />
          </Group>
          <div>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={500}>
                {texts.example}
              </Text>
              {texts.copyExample ? <CopyIcon value={example} label={texts.copyExample} /> : null}
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

/**
 * The row's last cell: a trash button until the token is revoked; `label` names the token
 * ("Revoke token CRM export").
 */
export function RevokeTokenCell({
  revoked,
  label,
  onClick,
}: {
  revoked: boolean;
  label: string;
  onClick: () => void;
}) {
  return (
    <Table.Td ta="right" className="phone-corner">
      {revoked ? null : (
        <Tooltip label={label}>
          <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Table.Td>
  );
}

/** A token's state: blue while it can be used, grey once revoked or expired. */
export function TokenStateBadge({ usable, children }: { usable: boolean; children: ReactNode }) {
  return usable ? (
    <Badge variant="light" color="blue" radius="sm">
      {children}
    </Badge>
  ) : (
    <Badge variant="outline" color="gray" radius="sm">
      {children}
    </Badge>
  );
}

/**
 * The frame of a token section: the key icon and title, the intro, the section's own form
 * and table (`children`), the once-shown secret and the revoke confirmation.
 */
export function TokensCard<T extends { id: string; name: string }>({
  titleId,
  title,
  intro,
  introMaw,
  padding,
  children,
  secret,
  example,
  secretTexts,
  onCloseSecret,
  revoking,
  onCloseRevoke,
  revoke,
  revokeTexts,
}: {
  titleId: string;
  title: string;
  intro: string;
  introMaw?: number;
  padding: 'md' | 'lg';
  children: ReactNode;
  secret: string | null;
  example: string;
  secretTexts: SecretTexts;
  onCloseSecret: () => void;
  revoking: T | null;
  onCloseRevoke: () => void;
  revoke: UseMutationResult<unknown, Error, string>;
  revokeTexts: RevokeTexts;
}) {
  return (
    <Paper withBorder radius="md" p={padding} component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <div>
          <Group gap="xs">
            <IconKey size={20} aria-hidden />
            <Title order={2} fz="h4" id={titleId}>
              {title}
            </Title>
          </Group>
          <Text size="sm" c="dimmed" mt={4} maw={introMaw}>
            {intro}
          </Text>
        </div>
        {children}
      </Stack>
      <TokenSecretModal
        secret={secret}
        example={example}
        texts={secretTexts}
        onClose={onCloseSecret}
      />
      <RevokeTokenModal
        revoking={revoking}
        onClose={onCloseRevoke}
        revoke={revoke}
        texts={revokeTexts}
      />
    </Paper>
  );
}

/**
 * The name field and the created token of a "create token" form: a blank name is refused
 * here, the server's field problems land on the name, and a success empties the field and
 * keeps what the server answered (the secret) until the modal closes.
 */
export function useTokenCreation<Variables, Created>(
  create: UseMutationResult<Created, Error, Variables>,
  variables: (name: string) => Variables,
) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<ReactNode>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError(t('validation.required'));
      return;
    }
    create.mutate(variables(name.trim()), {
      onSuccess: (c) => {
        setName('');
        setCreated(c);
      },
      onError: (err) =>
        applyServerErrors({ setErrors: (errors) => setNameError(errors.name ?? null) }, err, t),
    });
  };
  return {
    onSubmit,
    nameError,
    created,
    closeSecret: () => setCreated(null),
    /** Spread onto the name's TextInput. */
    nameInput: {
      value: name,
      error: nameError,
      onChange: (e: { currentTarget: { value: string } }) => {
        setName(e.currentTarget.value);
        setNameError(null);
      },
    },
  };
}

export interface RevokeTexts {
  title: string;
  text: string;
  confirm: string;
  done: (name: string) => string;
}

/** "Revoke …?" for the token `revoking`; on success a blue notification says it is done. */
function RevokeTokenModal<T extends { id: string; name: string }>({
  revoking,
  onClose,
  revoke,
  texts,
}: {
  revoking: T | null;
  onClose: () => void;
  revoke: UseMutationResult<unknown, Error, string>;
  texts: RevokeTexts;
}) {
  return (
    <ConfirmModal
      opened={revoking !== null}
      onClose={() => {
        onClose();
        revoke.reset();
      }}
      title={texts.title}
      text={texts.text}
      confirmLabel={texts.confirm}
      destructive
      loading={revoke.isPending}
      error={revoke.error}
      onConfirm={() => {
        if (!revoking) return;
        const tokenName = revoking.name;
        revoke.mutate(revoking.id, {
          onSuccess: () => {
            onClose();
            notifications.show({ message: texts.done(tokenName), color: 'blue' });
          },
        });
      }}
    />
  );
}
