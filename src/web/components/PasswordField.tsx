import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPassword } from '../../contracts/auth.js';
import { zodErrors } from '../lib/validation.js';

/**
 * PasswordInput whose show/hide toggle is translated and does not contain the word
 * "password", so the field alone answers to its label ("Password", "Passwort").
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': t('auth.toggleVisibility') }}
      {...props}
    />
  );
}

/**
 * The errors of a new password and its repetition: the password rules first, then that
 * both say the same.
 */
export function newPasswordErrors(
  password: string,
  repeat: string,
  t: TFunction,
): { password: ReactNode; repeat: ReactNode } {
  return {
    password: zodErrors(NewPassword, password, t)[''] ?? null,
    repeat: repeat === password ? null : t('validation.passwordsDiffer'),
  };
}

type FieldProps = Omit<PasswordInputProps, 'label' | 'autoComplete' | 'required'>;

/**
 * A new password with the rules as its description, and the field that repeats it; both
 * tell the browser's password manager that this is a new password.
 */
export function NewPasswordFields({
  label,
  repeatLabel,
  password,
  repeat,
}: {
  label: string;
  repeatLabel: string;
  /** Spread onto the new password's field (form input props, autoFocus, withAsterisk). */
  password: FieldProps;
  repeat: FieldProps;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField
        label={label}
        description={t('auth.passwordHint')}
        autoComplete="new-password"
        required
        {...password}
      />
      <PasswordField label={repeatLabel} autoComplete="new-password" required {...repeat} />
    </>
  );
}
