import { Alert, Button, Group } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { problemMessage } from '../api/problems.js';

interface ProblemAlertProps {
  error: unknown;
  /** Shown for a version conflict ("someone else changed it") and for retryable errors. */
  onReload?: () => void;
  title?: string;
}

/** A request's error in plain words; a version conflict offers to reload. */
export function ProblemAlert({ error, onReload, title }: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const conflict = isApiError(error) && error.isVersionConflict;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={title}
      role="alert"
    >
      <Group justify="space-between" gap="sm">
        <span>{problemMessage(error, t)}</span>
        {onReload ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={onReload}
          >
            {conflict ? t('common.reload') : t('common.retry')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
