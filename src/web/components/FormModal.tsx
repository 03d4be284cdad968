import { Modal, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The modal around a create or edit form. The form is mounted only while the modal is open,
 * so every opening starts from the record (or blank) and not from a half-filled earlier try.
 */
export function FormModal({
  opened,
  onClose,
  title,
  size = 'xl',
  centered = true,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: ModalProps['size'];
  centered?: boolean;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered={centered}>
      {opened ? children : null}
    </Modal>
  );
}
