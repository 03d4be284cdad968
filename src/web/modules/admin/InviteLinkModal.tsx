import {
  ActionIcon,
  Alert,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InviteEmail } from '../../../contracts/users.js';
import { useFormat } from '../../i18n/format.js';

export interface ShownInvite {
  name: string;
  url: string;
  expiresAt: string | undefined;
  /** Whether the server emailed it: sent, failed (copy the link) or off (no SMTP). */
  email?: InviteEmail | undefined;
}

const EMAIL_COLOR: Record<InviteEmail, string> = { sent: 'green', failed: 'red', off: 'gray' };

/** The invitation link, shown once, with a copy button, and whether it went by email. */
export function InviteLinkModal({
  invite,
  onClose,
}: {
  invite: ShownInvite | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const url = invite ? new URL(invite.url, window.location.origin).toString() : '';
  return (
    <Modal
      opened={invite !== null}
      onClose={onClose}
      title={invite ? t('admin.users.inviteTitle', { name: invite.name }) : ''}
      size="lg"
      centered
    >
      {invite ? (
        <Stack gap="md">
          {invite.email ? (
            <Alert
              color={EMAIL_COLOR[invite.email]}
              variant="light"
              role={invite.email === 'failed' ? 'alert' : 'status'}
              data-testid="invite-email"
            >
              {t(`admin.users.inviteEmail.${invite.email}`, { name: invite.name })}
            </Alert>
          ) : null}
          <Text size="sm">
            {/* Emailed: nothing to send by hand, the link is there to copy if wanted. */}
            {t(invite.email === 'sent' ? 'admin.users.inviteTextSent' : 'admin.users.inviteText', {
              date: invite.expiresAt ? fmt.dateTime(invite.expiresAt) : '—',
            })}
          </Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={t('admin.users.inviteLink')}
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
              data-autofocus
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
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
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
