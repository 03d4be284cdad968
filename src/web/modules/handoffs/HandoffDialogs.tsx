import { Checkbox, Modal, Stack, Text, Textarea } from '@mantine/core';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handoff } from '../../../contracts/handoffs.js';
import { isApiError } from '../../api/client.js';
import { useFormat } from '../../i18n/format.js';
import { handoffFieldErrors, handoffProblem } from './handoff-problems.js';
import { FormActions } from '../../components/FormActions.js';

/** A failed action in plain words; when the handoff moved on meanwhile, offer to reload. */
export function ActionError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  return (
    <ProblemAlert
      error={error}
      onReload={onReload}
      message={handoffProblem}
      reloadWhen={(e) =>
        isApiError(e) &&
        (e.isVersionConflict || e.code === 'invalid_transition' || e.code === 'question_closed')
      }
    />
  );
}

interface TextDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  label: string;
  hint: string;
  confirmLabel: string;
  loading: boolean;
  error: unknown;
  onReload: () => void;
  onConfirm: (text: string) => void;
  /** The field the server names in its errors (reason, text). */
  field: string;
  required?: boolean;
  children?: React.ReactNode;
}

/** A dialog with one text to write: a question, an answer, a reason. */
export function TextDialog({
  opened,
  onClose,
  title,
  label,
  hint,
  confirmLabel,
  loading,
  error,
  onReload,
  onConfirm,
  field,
  required = true,
  children,
}: TextDialogProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = required && text.trim() === '';
  const serverError = handoffFieldErrors(error, t)[field];
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!missing) onConfirm(text.trim());
        }}
      >
        <Stack>
          <Textarea
            label={label}
            description={hint}
            required={required}
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={touched && missing ? t('validation.required') : serverError}
            data-autofocus
          />
          {children}
          {serverError ? null : <ActionError error={error} onReload={onReload} />}
          <FormActions onCancel={onClose} loading={loading} submitLabel={confirmLabel} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Return with reason: the reason and the checklist items that were not met. */
export function ReturnDialog({
  handoff,
  opened,
  onClose,
  loading,
  error,
  onReload,
  onConfirm,
}: {
  handoff: Handoff;
  opened: boolean;
  onClose: () => void;
  loading: boolean;
  error: unknown;
  onReload: () => void;
  onConfirm: (reason: string, failedItems: string[]) => void;
}) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const [failed, setFailed] = useState<string[]>([]);
  return (
    <TextDialog
      opened={opened}
      onClose={onClose}
      title={t('handoffs.actions.returnTitle', { name: handoff.sender.name })}
      label={t('handoffs.actions.reason')}
      hint={t('handoffs.actions.reasonHint')}
      confirmLabel={t('handoffs.actions.return')}
      loading={loading}
      error={error}
      onReload={onReload}
      field="reason"
      onConfirm={(reason) => onConfirm(reason, failed)}
    >
      {handoff.checklist.length ? (
        <Checkbox.Group
          label={t('handoffs.actions.failedItems')}
          description={t('handoffs.actions.failedItemsHint')}
          value={failed}
          onChange={setFailed}
        >
          <Stack gap={6} mt="xs">
            {handoff.checklist.map((c) => (
              <Checkbox key={c.id} value={c.id} label={language === 'de' ? c.labelDe : c.labelEn} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('handoffs.checklistNone')}
        </Text>
      )}
    </TextDialog>
  );
}
