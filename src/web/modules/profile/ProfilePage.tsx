import {
  Button,
  Checkbox,
  Group,
  Paper,
  Space,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Input,
} from '@mantine/core';
import { NotificationSettings } from '../conversation/NotificationSettings.js';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import {
  NewPasswordFields,
  newPasswordErrors,
  PasswordField,
} from '../../components/PasswordField.js';
import { UpdateMeBody } from '../../../contracts/auth.js';
import type { Language } from '../../../contracts/common.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SideBadge } from '../../components/SideBadge.js';
import i18n, { LANGUAGES } from '../../i18n/index.js';
import { applyServerErrors, zodErrors } from '../../lib/validation.js';
import { useMe } from '../../queries/session.js';
import { useSignInOptionsQuery } from '../auth/auth.queries.js';
import { PersonalTokensSection } from './PersonalTokensSection.js';
import { SessionsSection } from './SessionsSection.js';
import { useChangePasswordMutation, useUpdateMeMutation } from './profile.queries.js';
import { PersonalDataLink } from '../privacy/PersonalDataPage.js';

/** One titled card of the profile page. */
function ProfileSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section">
      <Title order={2} fz="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function PersonalDetails() {
  const { t } = useTranslation();
  const me = useMe();
  const update = useUpdateMeMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: me.name, language: me.language as Language },
    validateInputOnChange: true,
    validate: (values) => zodErrors(UpdateMeBody, values, t),
  });
  return (
    <ProfileSection title={t('profile.personal')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { name: values.name, language: values.language },
            {
              onSuccess: (saved) => {
                form.resetDirty(values);
                if (i18n.resolvedLanguage !== saved.language)
                  void i18n.changeLanguage(saved.language);
                notifications.show({ message: t('profile.profileSaved'), color: 'blue' });
              },
              onError: (e) => applyServerErrors(form, e, t),
            },
          ),
        )}
      >
        <Stack gap="md">
          <TextInput
            label={t('profile.name')}
            required
            autoComplete="name"
            {...form.getInputProps('name')}
          />
          <TextInput label={t('profile.email')} value={me.email} readOnly variant="filled" />
          <Input.Wrapper label={t('profile.language')} description={t('profile.languageHint')}>
            <div>
              <SegmentedControl
                mt={6}
                aria-label={t('profile.language')}
                data={LANGUAGES.map((l) => ({
                  value: l,
                  label: l === 'de' ? 'Deutsch' : 'English',
                }))}
                {...form.getInputProps('language')}
              />
            </div>
          </Input.Wrapper>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <div>
              <Text size="sm" fw={500}>
                {t('profile.department')}
              </Text>
              <Text size="sm">{me.department ?? t('common.none')}</Text>
            </div>
            <div>
              <Text size="sm" fw={500}>
                {t('profile.side')}
              </Text>
              <SideBadge side={me.side} mt={2} />
            </div>
            <div>
              <Text size="sm" fw={500}>
                {t('profile.role')}
              </Text>
              <Text size="sm">{t(`orgRole.${me.role}`)}</Text>
            </div>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('profile.managedByAdmin')}
          </Text>
          <PersonalDataLink />
          <ProblemAlert error={update.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              {t('common.saveChanges')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ProfileSection>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const me = useMe();
  const change = useChangePasswordMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeat: '', endOtherSessions: true },
    validateInputOnChange: ['newPassword', 'repeat'],
    validate: (v) => {
      const fresh = newPasswordErrors(v.newPassword, v.repeat, t);
      return {
        currentPassword: v.currentPassword ? null : t('validation.required'),
        newPassword: fresh.password,
        repeat: fresh.repeat,
      };
    },
  });
  return (
    <ProfileSection title={t('profile.changePassword')}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          change.mutate(
            {
              currentPassword: v.currentPassword,
              newPassword: v.newPassword,
              endOtherSessions: v.endOtherSessions,
            },
            {
              onSuccess: () => {
                form.reset();
                notifications.show({ message: t('profile.passwordChanged'), color: 'blue' });
              },
              onError: (e) => applyServerErrors(form, e, t),
            },
          ),
        )}
      >
        <Stack gap="md">
          <input type="email" autoComplete="username" hidden readOnly value={me.email} />
          <PasswordField
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordFields
            label={t('profile.newPassword')}
            repeatLabel={t('profile.repeatPassword')}
            password={form.getInputProps('newPassword')}
            repeat={form.getInputProps('repeat')}
          />
          <Checkbox
            label={t('profile.endOtherSessions')}
            {...form.getInputProps('endOtherSessions', { type: 'checkbox' })}
          />
          {change.error && Object.keys(form.errors).length === 0 ? (
            <ProblemAlert error={change.error} />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ProfileSection>
  );
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const options = useSignInOptionsQuery();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <PersonalDetails />
        {options.data?.localLogin === false ? null : <ChangePassword />}
      </SimpleGrid>
      <Space h="lg" />
      {/* Tables of devices and tokens get the page's whole width: half of it cuts their buttons. */}
      <Stack gap="lg">
        <SessionsSection />
        <PersonalTokensSection />
      </Stack>
      <Space h="lg" />
      <NotificationSettings />
    </>
  );
}
