import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Initiative, Member } from '../../../contracts/initiatives.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PersonChip } from '../../components/PersonChip.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { problemMessage } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat } from '../../i18n/format.js';
import { applyServerErrors } from '../../lib/validation.js';
import { usePeopleQuery } from '../../queries/people.js';
import {
  useAddMemberMutation,
  useRemoveMemberMutation,
  useUpdateMemberMutation,
} from './initiatives.queries.js';

type EditableRole = 'contributor' | 'observer';
const EDITABLE: EditableRole[] = ['contributor', 'observer'];
const ROLE_ORDER = { owner: 0, deputy: 1, contributor: 2, observer: 3 } as const;

function AddMember({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const people = usePeopleQuery();
  const add = useAddMemberMutation(initiative.id);
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<EditableRole>('contributor');
  const [errors, setErrors] = useState<Record<string, React.ReactNode>>({});
  const memberIds = new Set(initiative.members.map((m) => m.person.id));
  const candidates = (people.data ?? []).filter((p) => !memberIds.has(p.id));

  return (
    <Paper withBorder radius="md" p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!userId) {
            setErrors({ userId: t('validation.choose') });
            return;
          }
          const name = candidates.find((p) => p.id === userId)?.name ?? '';
          add.mutate(
            { userId, role },
            {
              onSuccess: () => {
                setUserId(null);
                setErrors({});
                notifications.show({ message: t('members.added', { name }), color: 'blue' });
              },
              onError: (err) => applyServerErrors({ setErrors }, err, t),
            },
          );
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <PersonSelect
            label={t('members.person')}
            placeholder={t('form.pickPerson')}
            people={candidates}
            value={userId}
            onChange={(v) => {
              setUserId(v);
              setErrors({});
            }}
            error={errors.userId}
            w={{ base: '100%', sm: 280 }}
          />
          <Select
            label={t('members.role')}
            data={EDITABLE.map((r) => ({ value: r, label: t(`memberRole.${r}`) }))}
            value={role}
            onChange={(v) => v && setRole(v as EditableRole)}
            allowDeselect={false}
            w={{ base: '100%', sm: 180 }}
          />
          <Button
            type="submit"
            loading={add.isPending}
            leftSection={<IconUserPlus size={16} aria-hidden />}
          >
            {t('members.add')}
          </Button>
        </Group>
        {add.error && Object.keys(errors).length === 0 ? <ProblemAlert error={add.error} /> : null}
      </form>
    </Paper>
  );
}

function MemberRow({ initiative, member }: { initiative: Initiative; member: Member }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const update = useUpdateMemberMutation(initiative.id);
  const remove = useRemoveMemberMutation(initiative.id);
  const [confirmOpen, confirm] = useDisclosure(false);
  const editable =
    initiative.permissions.manage && (member.role === 'contributor' || member.role === 'observer');
  const name = member.person.name;

  return (
    <Table.Tr>
      <Table.Td>
        <PersonChip person={member.person} withSide detail={member.person.department} />
      </Table.Td>
      <Table.Td data-label={t('members.role')}>
        {editable ? (
          <Select
            aria-label={t('members.roleFor', { name })}
            data={EDITABLE.map((r) => ({ value: r, label: t(`memberRole.${r}`) }))}
            value={member.role}
            onChange={(v) =>
              v &&
              update.mutate(
                { userId: member.person.id, body: { role: v as EditableRole } },
                {
                  onError: (e) =>
                    notifications.show({ color: 'red', message: problemMessage(e, t) }),
                },
              )
            }
            allowDeselect={false}
            size="xs"
            w={160}
          />
        ) : (
          <Text size="sm">{t(`memberRole.${member.role}`)}</Text>
        )}
      </Table.Td>
      <Table.Td data-label={t('members.since')}>
        <Text size="sm" c="dimmed">
          {fmt.date(member.addedAt)}
        </Text>
      </Table.Td>
      {initiative.permissions.manage ? (
        <Table.Td ta="right" className="phone-corner">
          {editable ? (
            <Tooltip label={t('members.removeLabel', { name })}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('members.removeLabel', { name })}
                onClick={confirm.open}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          ) : null}
          <ConfirmModal
            opened={confirmOpen}
            onClose={confirm.close}
            title={t('members.removeConfirmTitle')}
            text={t('members.removeConfirm', { name })}
            confirmLabel={t('common.remove')}
            destructive
            loading={remove.isPending}
            error={remove.error}
            onConfirm={() =>
              // The row disappears with the member, so use the promise, not mutate callbacks.
              remove
                .mutateAsync(member.person.id)
                .then(() =>
                  notifications.show({ message: t('members.removed', { name }), color: 'blue' }),
                )
                .catch(() => undefined)
            }
          />
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

export function MembersTab({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const members = [...initiative.members].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.person.name.localeCompare(b.person.name),
  );
  return (
    <Stack gap="md">
      {initiative.permissions.manage ? <AddMember initiative={initiative} /> : null}
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={560} className="stack-on-phone">
          <Table>
            <caption className="visually-hidden">{t('members.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.person')}</Table.Th>
                <Table.Th>{t('members.role')}</Table.Th>
                <Table.Th>{t('members.since')}</Table.Th>
                {initiative.permissions.manage ? (
                  <Table.Th>
                    <span className="visually-hidden">{t('admin.users.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <MemberRow key={m.person.id} initiative={initiative} member={m} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {initiative.permissions.manage ? (
        <Text size="xs" c="dimmed">
          {t('members.ownersHint')}
        </Text>
      ) : null}
    </Stack>
  );
}
