import { Alert, Anchor, Button, Divider, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField.js';
import { Link, Navigate, useLocation, useNavigate, type Location } from 'react-router';
import { LoginBody, SSO_REFUSALS, type SsoRefusal } from '../../../contracts/auth.js';
import { ApiError } from '../../api/client.js';
import { problemMessage } from '../../api/problems.js';
import { RouteFallback } from '../../components/RouteFallback.js';
import { useFormat } from '../../i18n/format.js';
import { zodErrors } from '../../lib/validation.js';
import { AuthCard } from './AuthCard.js';
import { useLoginMutation, useSignInOptionsQuery } from './auth.queries.js';
import { useMeQuery } from '../../queries/session.js';

interface LoginState {
  from?: Location;
  expired?: boolean;
}

function target(state: LoginState | null): string {
  const from = state?.from;
  if (!from || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? null) as LoginState | null;
  const me = useMeQuery();
  const options = useSignInOptionsQuery();
  const login = useLoginMutation();
  const ssoReason = new URLSearchParams(location.search).get('sso');
  const ssoRefusal = SSO_REFUSALS.find((r): r is SsoRefusal => r === ssoReason);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: (values) => zodErrors(LoginBody, values, t),
  });

  if (me.isPending || options.isPending) return <RouteFallback />;
  const sso = options.data?.sso ?? null;
  const localLogin = options.data?.localLogin ?? true;
  if (me.data && !login.isPending) return <Navigate to={target(state)} replace />;

  const error = login.error;
  let message: string | null = null;
  if (error instanceof ApiError && error.status === 401) message = t('auth.wrongCredentials');
  else if (error instanceof ApiError && error.status === 429) {
    message = error.retryAfter
      ? t('auth.throttled', { time: fmt.duration(error.retryAfter) })
      : t('auth.throttledNoTime');
  } else if (error) message = problemMessage(error, t);

  return (
    <AuthCard title={t('auth.signInTitle')} intro={t('auth.signInIntro')}>
      {state?.expired && !error ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('auth.sessionExpired')}
        </Alert>
      ) : null}
      {ssoRefusal ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
          {t(`auth.sso.refusal.${ssoRefusal}`)}
        </Alert>
      ) : null}
      {sso ? (
        <Button
          component="a"
          href={sso.startUrl}
          fullWidth
          variant={localLogin ? 'default' : 'filled'}
        >
          {t('auth.sso.button', { name: sso.displayName })}
        </Button>
      ) : null}
      {sso && localLogin ? <Divider label={t('auth.sso.or')} labelPosition="center" /> : null}
      {localLogin ? (
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            login.mutate(values, {
              onSuccess: () => void navigate(target(state), { replace: true }),
            }),
          )}
        >
          <Stack gap="md">
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              data-autofocus
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordField
              label={t('auth.password')}
              autoComplete="current-password"
              {...form.getInputProps('password')}
            />
            {message ? (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertCircle aria-hidden />}
                role="alert"
              >
                {message}
              </Alert>
            ) : null}
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('auth.signIn')}
            </Button>
            {options.data?.passwordReset ? (
              <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
                {t('auth.forgot.link')}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed" ta="center" data-testid="reset-ask-admin">
                {t('auth.forgot.askAdmin')}
              </Text>
            )}
          </Stack>
        </form>
      ) : null}
    </AuthCard>
  );
}
