import {
  ActionIcon,
  Badge,
  Button,
  Menu,
  Paper,
  Table,
  Text,
  type MantineColor,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconEdit,
  IconLink,
  IconLock,
  IconLogout,
  IconLockOpen,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/users.js';
import { problemMessage } from '../../api/problems.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PersonChip } from '../../components/PersonChip.js';
import { QueryState } from '../../components/QueryState.js';
import { SideBadge } from '../../components/SideBadge.js';
import { useFormat } from '../../i18n/format.js';
import { useMe } from '../../queries/session.js';
import { InviteLinkModal, type ShownInvite } from './InviteLinkModal.js';
import { UserFormModal } from './UserFormModal.js';
import {
  useAllowSsoLinkMutation,
  useEndAllSessionsMutation,
  useNewInviteMutation,
  useUpdateUserMutation,
  useUsersQuery,
} from './users.queries.js';

const STATE_COLOR: Record<User['state'], MantineColor> = {
  active: 'blue',
  invited: 'violet',
  disabled: 'gray',
};

export default function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const users = useUsersQuery();
  const update = useUpdateUserMutation();
  const newInvite = useNewInviteMutation();
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [disabling, setDisabling] = useState<User | null>(null);
  const [invite, setInvite] = useState<ShownInvite | null>(null);
  const endSessions = useEndAllSessionsMutation();
  const allowLink = useAllowSsoLinkMutation();
  const [signingOut, setSigningOut] = useState<User | null>(null);

  const collator = new Intl.Collator(fmt.language);
  const rows = [...(users.data ?? [])].sort((a, b) => collator.compare(a.name, b.name));

  const setDisabled = (user: User, disabled: boolean) =>
    update.mutate(
      { id: user.id, body: { disabled } },
      {
        onSuccess: () => {
          setDisabling(null);
          notifications.show({
            color: 'blue',
            message: disabled
              ? t('admin.users.disabled', { name: user.name })
              : t('admin.users.enabled', { name: user.name }),
          });
        },
        onError: (e) => {
          if (!disabled) notifications.show({ color: 'red', message: problemMessage(e, t) });
        },
      },
    );

  return (
    <>
      <PageHeader
        title={t('admin.users.title')}
        description={t('admin.users.intro')}
        actions={
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setEditing(null)}
          >
            {t('admin.users.create')}
          </Button>
        }
      />
      <QueryState query={users} rows={6} height={44}>
        {() => (
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
            <Table.ScrollContainer minWidth={700} className="stack-on-phone">
              <Table highlightOnHover>
                <caption className="visually-hidden">{t('admin.users.title')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.users.name')}</Table.Th>
                    <Table.Th>{t('admin.users.department')}</Table.Th>
                    <Table.Th>{t('admin.users.side')}</Table.Th>
                    <Table.Th>{t('admin.users.role')}</Table.Th>
                    <Table.Th>{t('admin.users.state')}</Table.Th>
                    <Table.Th className="wide-only">{t('admin.users.createdAt')}</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">{t('admin.users.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((user) => (
                    <Table.Tr key={user.id} opacity={user.state === 'disabled' ? 0.65 : 1}>
                      <Table.Td>
                        <PersonChip
                          person={user}
                          detail={
                            user.id === me.id
                              ? `${user.email} · ${t('admin.users.you')}`
                              : user.email
                          }
                        />
                      </Table.Td>
                      <Table.Td data-label={t('admin.users.department')}>
                        <Text size="sm">{user.department ?? t('common.none')}</Text>
                      </Table.Td>
                      <Table.Td data-label={t('admin.users.side')}>
                        <SideBadge side={user.side} />
                      </Table.Td>
                      <Table.Td data-label={t('admin.users.role')}>
                        <Text size="sm">{t(`orgRole.${user.role}`)}</Text>
                      </Table.Td>
                      <Table.Td data-label={t('admin.users.state')}>
                        <Badge
                          color={STATE_COLOR[user.state]}
                          variant={user.state === 'disabled' ? 'outline' : 'light'}
                          radius="sm"
                        >
                          {t(`admin.users.stateValue.${user.state}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td data-label={t('admin.users.createdAt')} className="wide-only">
                        <Text size="sm" c="dimmed">
                          {fmt.date(user.createdAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" className="phone-corner">
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={t('admin.users.actionsFor', { name: user.name })}
                            >
                              <IconDots size={18} aria-hidden />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              leftSection={<IconEdit size={16} aria-hidden />}
                              onClick={() => setEditing(user)}
                            >
                              {t('common.edit')}
                            </Menu.Item>
                            {user.state !== 'disabled' ? (
                              <Menu.Item
                                leftSection={<IconLink size={16} aria-hidden />}
                                onClick={() =>
                                  newInvite.mutate(user.id, {
                                    onSuccess: (link) =>
                                      setInvite({
                                        name: user.name,
                                        url: link.inviteUrl,
                                        expiresAt: link.inviteExpiresAt,
                                        email: link.inviteEmail,
                                      }),
                                    onError: (e) =>
                                      notifications.show({
                                        color: 'red',
                                        message: problemMessage(e, t),
                                      }),
                                  })
                                }
                              >
                                {t('admin.users.newInvite')}
                              </Menu.Item>
                            ) : null}
                            <Menu.Item
                              leftSection={<IconLink size={16} aria-hidden />}
                              onClick={() =>
                                allowLink.mutate(user.id, {
                                  onSuccess: (r) =>
                                    notifications.show({
                                      color: 'blue',
                                      message: t('admin.users.ssoLinkAllowed', {
                                        name: user.name,
                                        date: fmt.date(r.linkAllowedUntil),
                                      }),
                                    }),
                                  onError: (e) =>
                                    notifications.show({
                                      color: 'red',
                                      message: problemMessage(e, t),
                                    }),
                                })
                              }
                            >
                              {t('admin.users.allowSsoLink')}
                            </Menu.Item>
                            <Menu.Item
                              leftSection={<IconLogout size={16} aria-hidden />}
                              onClick={() => {
                                endSessions.reset();
                                setSigningOut(user);
                              }}
                              disabled={user.id === me.id}
                            >
                              {t('admin.users.endSessions')}
                            </Menu.Item>
                            {user.state === 'disabled' ? (
                              <Menu.Item
                                leftSection={<IconLockOpen size={16} aria-hidden />}
                                onClick={() => setDisabled(user, false)}
                              >
                                {t('admin.users.enable')}
                              </Menu.Item>
                            ) : (
                              <Menu.Item
                                leftSection={<IconLock size={16} aria-hidden />}
                                onClick={() => {
                                  update.reset();
                                  setDisabling(user);
                                }}
                                disabled={user.id === me.id}
                              >
                                {t('admin.users.disable')}
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryState>

      <UserFormModal
        user={editing ?? null}
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        onSaved={(message, shown) => {
          setEditing(undefined);
          notifications.show({ color: 'blue', message });
          if (shown) setInvite(shown);
        }}
      />
      <InviteLinkModal invite={invite} onClose={() => setInvite(null)} />
      <ConfirmModal
        opened={disabling !== null}
        onClose={() => setDisabling(null)}
        title={t('admin.users.disableTitle', { name: disabling?.name ?? '' })}
        text={t('admin.users.disableText', { name: disabling?.name ?? '' })}
        confirmLabel={t('admin.users.disable')}
        destructive
        loading={update.isPending}
        error={update.error}
        onConfirm={() => disabling && setDisabled(disabling, true)}
      />
      <ConfirmModal
        opened={signingOut !== null}
        onClose={() => setSigningOut(null)}
        title={t('admin.users.endSessionsTitle', { name: signingOut?.name ?? '' })}
        text={t('admin.users.endSessionsText', { name: signingOut?.name ?? '' })}
        confirmLabel={t('admin.users.endSessions')}
        destructive
        loading={endSessions.isPending}
        error={endSessions.error}
        onConfirm={() => {
          if (!signingOut) return;
          const name = signingOut.name;
          endSessions.mutate(signingOut.id, {
            onSuccess: (r) => {
              setSigningOut(null);
              notifications.show({
                color: 'blue',
                message: t('admin.users.sessionsEnded', { name, count: r.ended }),
              });
            },
          });
        }}
      />
    </>
  );
}
