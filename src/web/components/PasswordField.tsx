import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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
