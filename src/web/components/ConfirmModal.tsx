import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert.js';

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  text: React.ReactNode;
  confirmLabel: string;
  loading?: boolean;
  error?: unknown;
  /** Destructive actions get a dark confirm button; red stays reserved for health. */
  destructive?: boolean;
}

/** Destructive or irreversible actions confirm first. */
export function ConfirmModal({
  opened,
  onClose,
  onConfirm,
  title,
  text,
  confirmLabel,
  loading = false,
  error,
  destructive = false,
}: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{text}</Text>
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={destructive ? 'dark' : undefined}
            loading={loading}
            onClick={onConfirm}
            data-autofocus
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
