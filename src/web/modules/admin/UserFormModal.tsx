import { Autocomplete, Checkbox, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField.js';
import type { Language, OrgRole, Side } from '../../../contracts/common.js';
import { CreateUserBody, UpdateUserBody, type User } from '../../../contracts/users.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { applyServerErrors, zodErrors } from '../../lib/validation.js';
import { useDepartmentsQuery } from '../../queries/people.js';
import { useCreateUserMutation, useUpdateUserMutation } from './users.queries.js';
import type { ShownInvite } from './InviteLinkModal.js';
import { FormActions } from '../../components/FormActions.js';
import { FormModal } from '../../components/FormModal.js';
import { SIDES } from '../../../domain/sides.js';

interface Values {
  name: string;
  email: string;
  department: string;
  side: Side;
  role: OrgRole;
  language: Language;
  withPassword: boolean;
  password: string;
}

interface UserFormModalProps {
  /** null: create a new user. */
  user: User | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (message: string, invite?: ShownInvite) => void;
}

const ROLES: OrgRole[] = ['member', 'viewer', 'admin'];

function toBody(v: Values) {
  return {
    name: v.name,
    email: v.email,
    department: v.department,
    side: v.side,
    role: v.role,
    language: v.language,
    ...(v.withPassword ? { password: v.password } : {}),
  };
}

function UserForm({ user, onClose, onSaved }: Omit<UserFormModalProps, 'opened'>) {
  const { t } = useTranslation();
  const departments = useDepartmentsQuery();
  const create = useCreateUserMutation();
  const update = useUpdateUserMutation();
  const mutation = user ? update : create;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      department: user?.department ?? '',
      side: user?.side ?? 'business',
      role: user?.role ?? 'member',
      language: user?.language ?? 'de',
      withPassword: false,
      password: '',
    },
    validateInputOnChange: true,
    validate: (v) => {
      const body = toBody(v);
      if (user) {
        const { email: _email, ...rest } = body;
        return zodErrors(UpdateUserBody, rest, t);
      }
      return zodErrors(CreateUserBody, body, t);
    },
  });

  const submit = form.onSubmit((v) => {
    const body = toBody(v);
    const onError = (e: unknown) => applyServerErrors(form, e, t);
    if (user) {
      // Only what changed: an unchanged role must not trip the "last admin" rule.
      const changes: UpdateUserBody = {};
      if (body.name !== user.name) changes.name = body.name;
      if ((body.department.trim() || null) !== user.department)
        changes.department = body.department;
      if (body.side !== user.side) changes.side = body.side;
      if (body.role !== user.role) changes.role = body.role;
      if (body.language !== user.language) changes.language = body.language;
      update.mutate(
        { id: user.id, body: changes },
        { onSuccess: () => onSaved(t('admin.users.saved')), onError },
      );
    } else {
      create.mutate(body, {
        onSuccess: (created) =>
          onSaved(
            t('admin.users.created', { name: created.user.name }),
            created.inviteUrl
              ? {
                  name: created.user.name,
                  url: created.inviteUrl,
                  expiresAt: created.inviteExpiresAt,
                  email: created.inviteEmail,
                }
              : undefined,
          ),
        onError,
      });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('admin.users.name')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('admin.users.email')}
          type="email"
          required
          disabled={user !== null}
          {...form.getInputProps('email')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('admin.users.side')}
            data={SIDES.map((s) => ({ value: s, label: t(`side.${s}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps('side')}
          />
          <Autocomplete
            label={t('admin.users.department')}
            data={departments.data ?? []}
            {...form.getInputProps('department')}
          />
          <Select
            label={t('admin.users.role')}
            description={t(`orgRoleHint.${form.values.role}`)}
            data={ROLES.map((r) => ({ value: r, label: t(`orgRole.${r}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps('role')}
          />
          <Select
            label={t('admin.users.language')}
            data={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('language')}
          />
        </SimpleGrid>
        {user === null ? (
          <>
            <Checkbox
              label={t('admin.users.withPassword')}
              description={t('admin.users.withPasswordHint')}
              {...form.getInputProps('withPassword', { type: 'checkbox' })}
            />
            {form.values.withPassword ? (
              <PasswordField
                label={t('admin.users.password')}
                description={t('auth.passwordHint')}
                autoComplete="new-password"
                required
                {...form.getInputProps('password')}
              />
            ) : null}
          </>
        ) : null}
        <ProblemAlert error={mutation.error} />
        <FormActions
          onCancel={onClose}
          loading={mutation.isPending}
          submitLabel={user ? t('common.saveChanges') : t('admin.users.create')}
        />
      </Stack>
    </form>
  );
}

export function UserFormModal({ user, opened, onClose, onSaved }: UserFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={user ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.createTitle')}
      size="lg"
    >
      <UserForm user={user} onClose={onClose} onSaved={onSaved} />
    </FormModal>
  );
}
