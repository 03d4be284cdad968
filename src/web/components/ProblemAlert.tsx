import { Alert, Button, Group } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { problemMessage } from '../api/problems.js';

interface ProblemAlertProps {
  error: unknown;
  /** Shown for a version conflict ("someone else changed it") and for retryable errors. */
  onReload?: (() => void) | undefined;
  title?: string;
  /** A module's own words for its problems; the app's general wording otherwise. */
  message?: (error: unknown, t: TFunction) => string;
  /** When to offer reload (e.g. only when the thing changed meanwhile); always when omitted. */
  reloadWhen?: (error: unknown) => boolean;
}

/** A request's error in plain words; a version conflict offers to reload. */
export function ProblemAlert({ error, onReload, title, message, reloadWhen }: ProblemAlertProps) {
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
        <span>{(message ?? problemMessage)(error, t)}</span>
        {onReload && (reloadWhen?.(error) ?? true) ? (
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
