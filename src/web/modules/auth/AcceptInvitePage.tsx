import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NewPasswordFields, newPasswordErrors } from '../../components/PasswordField.js';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.js';
import { problemMessage } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { RouteFallback } from '../../components/RouteFallback.js';
import { applyServerErrors } from '../../lib/validation.js';
import { AuthCard } from './AuthCard.js';
import { useAcceptInviteMutation, useInviteQuery } from './auth.queries.js';

export default function AcceptInvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const invite = useInviteQuery(token);
  const accept = useAcceptInviteMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validateInputOnChange: true,
    validate: (values) => newPasswordErrors(values.password, values.repeat, t),
  });

  if (invite.isPending) return <RouteFallback />;
  if (invite.isError) {
    return (
      <AuthCard title={t('auth.inviteTitle')}>
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
          {isApiError(invite.error) && invite.error.status === 404
            ? t('auth.inviteInvalid')
            : problemMessage(invite.error, t)}
        </Alert>
        <Button component={Link} to="/login" variant="default">
          {t('auth.toSignIn')}
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t('auth.inviteTitle')}
      intro={t('auth.inviteIntro', { name: invite.data.name, email: invite.data.email })}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          accept.mutate(
            { token, password: values.password },
            {
              onSuccess: () => void navigate('/', { replace: true }),
              onError: (e) => applyServerErrors(form, e, t),
            },
          ),
        )}
      >
        <Stack gap="md">
          <TextInput
            label={t('auth.email')}
            value={invite.data.email}
            readOnly
            autoComplete="username"
          />
          <NewPasswordFields
            label={t('auth.newPassword')}
            repeatLabel={t('auth.repeatPassword')}
            password={{ autoFocus: true, ...form.getInputProps('password') }}
            repeat={form.getInputProps('repeat')}
          />
          <ProblemAlert error={accept.error} />
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('auth.activate')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
