import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PasswordResetRequestBody } from '../../../contracts/auth.js';
import { ApiError } from '../../api/client.js';
import { problemMessage } from '../../api/problems.js';
import { RouteFallback } from '../../components/RouteFallback.js';
import { useFormat } from '../../i18n/format.js';
import { applyServerErrors, zodErrors } from '../../lib/validation.js';
import { AuthCard } from './AuthCard.js';
import { usePasswordResetRequestMutation, useSignInOptionsQuery } from './auth.queries.js';

/**
 * "Forgot password?": asks for the email address and always answers the same (whether an
 * account has it is not told). Without email on this server: ask an administrator.
 */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const options = useSignInOptionsQuery();
  const request = usePasswordResetRequestMutation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: (values) => zodErrors(PasswordResetRequestBody, values, t),
  });

  if (options.isPending) return <RouteFallback />;
  const back = (
    <Anchor component={Link} to="/login" size="sm" ta="center">
      {t('auth.toSignIn')}
    </Anchor>
  );
  if (!options.data?.passwordReset) {
    return (
      <AuthCard title={t('auth.forgot.title')}>
        <Text size="sm" data-testid="reset-unavailable">
          {options.data?.localLogin === false
            ? t('auth.forgot.sso')
            : t('auth.forgot.askAdminPage')}
        </Text>
        {back}
      </AuthCard>
    );
  }
  if (request.isSuccess) {
    return (
      <AuthCard title={t('auth.forgot.title')}>
        <Alert color="green" variant="light" icon={<IconMailCheck aria-hidden />} role="status">
          {t('auth.forgot.sent', { email: request.variables.email })}
        </Alert>
        {back}
      </AuthCard>
    );
  }
  const error = request.error;
  let message: string | null = null;
  if (error instanceof ApiError && error.status === 429)
    message = error.retryAfter
      ? t('auth.forgot.throttled', { time: fmt.duration(error.retryAfter) })
      : t('auth.throttledNoTime');
  else if (error && !(error instanceof ApiError && Object.keys(error.fieldErrors).length > 0))
    message = problemMessage(error, t);

  return (
    <AuthCard title={t('auth.forgot.title')} intro={t('auth.forgot.intro')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          request.mutate(values, { onError: (e) => applyServerErrors(form, e, t) }),
        )}
      >
        <Stack gap="md">
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            withAsterisk={false}
            autoFocus
            {...form.getInputProps('email')}
          />
          {message ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {message}
            </Alert>
          ) : null}
          <Button type="submit" loading={request.isPending} fullWidth>
            {t('auth.forgot.submit')}
          </Button>
          {back}
        </Stack>
      </form>
    </AuthCard>
  );
}
