import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { problemMessage } from '../../api/problems.js';
import { NewPasswordFields, newPasswordErrors } from '../../components/PasswordField.js';
import { applyServerErrors } from '../../lib/validation.js';
import { AuthCard } from './AuthCard.js';
import { usePasswordResetMutation } from './auth.queries.js';

/** The page a reset link opens: choose a new password (same rules as everywhere). */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const reset = usePasswordResetMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validate: (values) => newPasswordErrors(values.password, values.repeat, t),
  });

  if (reset.isSuccess) {
    return (
      <AuthCard title={t('auth.reset.title')}>
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          {t('auth.reset.done')}
        </Alert>
        <Button component={Link} to="/login" fullWidth>
          {t('auth.toSignIn')}
        </Button>
      </AuthCard>
    );
  }
  const error = reset.error;
  const invalid = error instanceof ApiError && error.status === 404;
  const message = invalid
    ? t('auth.reset.invalid')
    : error && !(error instanceof ApiError && Object.keys(error.fieldErrors).length > 0)
      ? problemMessage(error, t)
      : null;

  return (
    <AuthCard title={t('auth.reset.title')} intro={t('auth.reset.intro')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          reset.mutate(
            { token, password: values.password },
            { onError: (e) => applyServerErrors(form, e, t) },
          ),
        )}
      >
        <Stack gap="md">
          <NewPasswordFields
            label={t('auth.newPassword')}
            repeatLabel={t('auth.repeatPassword')}
            password={{ withAsterisk: false, autoFocus: true, ...form.getInputProps('password') }}
            repeat={{ withAsterisk: false, ...form.getInputProps('repeat') }}
          />
          {message ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {message}{' '}
              {invalid ? (
                <Anchor component={Link} to="/forgot-password" size="sm">
                  {t('auth.reset.again')}
                </Anchor>
              ) : null}
            </Alert>
          ) : null}
          <Button type="submit" loading={reset.isPending} fullWidth>
            {t('auth.reset.submit')}
          </Button>
          <Anchor component={Link} to="/login" size="sm" ta="center">
            {t('auth.toSignIn')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
