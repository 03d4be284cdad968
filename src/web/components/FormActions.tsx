import { Button, type ButtonProps, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  onCancel: () => void;
  submitLabel: ReactNode;
  loading?: boolean;
  disabled?: boolean;
  color?: ButtonProps['color'];
}

/** The foot of every form: cancel on the left of the one submit button, right-aligned. */
export function FormActions({ onCancel, submitLabel, loading, disabled, color }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={color}>
        {submitLabel}
      </Button>
    </Group>
  );
}
