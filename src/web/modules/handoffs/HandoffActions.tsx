import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconCheck,
  IconEdit,
  IconMessageQuestion,
  IconSend,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handoff } from '../../../contracts/handoffs.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { useInitiativeQuery } from '../../queries/initiatives.js';
import { ActionError, ReturnDialog, TextDialog } from './HandoffDialogs.js';
import { HandoffFormModal } from './HandoffFormModal.js';
import { type HandoffCommand, useHandoffCommandMutation } from './handoffs.queries.js';

type Dialog = 'accept' | 'return' | 'ask' | 'withdraw' | 'edit' | null;

/**
 * What the action buttons and their dialogs share: the dialog that is open, the command in
 * flight, and the initiative the edit form needs.
 */
export function useHandoffActions(handoff: Handoff) {
  const command = useHandoffCommandMutation(handoff.id);
  const initiative = useInitiativeQuery(handoff.initiative.id, {
    enabled: handoff.actions.includes('edit'),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const open = (d: Dialog) => {
    command.reset();
    setDialog(d);
  };
  const close = () => setDialog(null);
  const run = (c: HandoffCommand, message: (h: Handoff) => string) =>
    command.mutate(c, {
      onSuccess: (h) => {
        notifications.show({ message: message(h), color: 'blue' });
        close();
      },
    });
  return { command, initiative, dialog, open, close, run };
}

type HandoffActionsProps = {
  handoff: Handoff;
  actions: ReturnType<typeof useHandoffActions>;
  onReload: () => void;
};

/**
 * What the signed-in person may do with the handoff right now (accept, return, submit, edit, ask,
 * withdraw), and why a button is blocked.
 */
export function HandoffActionBar({ handoff, actions, onReload }: HandoffActionsProps) {
  const { t } = useTranslation();
  const { command, initiative, dialog, open, run } = actions;
  // The server offers what will succeed, and names what is blocked with its reason: blocked
  // buttons show disabled, with the reason beneath.
  const blocked = (a: Handoff['actions'][number]) =>
    handoff.blockedActions.find((b) => b.action === a);
  const can = (a: Handoff['actions'][number]) =>
    handoff.actions.includes(a) || blocked(a) !== undefined;
  const unchecked = handoff.checklist.filter((c) => !c.checked).length;
  const receiving = handoff.myRole === 'receiver' || handoff.myRole === 'receiver_deputy';
  const reasonOf = (b: Handoff['blockedActions'][number] | undefined): string | null => {
    if (!b) return null;
    switch (b.code) {
      case 'no_deliverables':
        return t('handoffs.actions.noDeliverablesBlock');
      case 'checklist_incomplete':
        return t('handoffs.actions.uncheckedBlock', { count: unchecked });
      case 'open_questions':
        return t('handoffs.actions.openQuestionsBlock');
      default:
        return b.reason;
    }
  };
  const submitBlocked = reasonOf(blocked('submit'));
  const acceptBlocked = reasonOf(blocked('accept'));
  if (!handoff.actions.length && !handoff.blockedActions.length) return null;

  const buttons = (
    <Group
      gap="xs"
      role="group"
      aria-label={receiving ? t('handoffs.actions.receiverActions') : undefined}
    >
      {can('accept') ? (
        <Button
          leftSection={<IconCheck size={16} aria-hidden />}
          onClick={() => open('accept')}
          disabled={acceptBlocked !== null}
          aria-describedby={acceptBlocked ? 'accept-blocked' : undefined}
        >
          {t('handoffs.actions.accept')}
        </Button>
      ) : null}
      {can('return') ? (
        <Button
          variant="default"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          onClick={() => open('return')}
        >
          {t('handoffs.actions.return')}
        </Button>
      ) : null}
      {can('submit') ? (
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          disabled={submitBlocked !== null || command.isPending}
          loading={command.isPending && command.variables.kind === 'submit'}
          aria-describedby={submitBlocked ? 'submit-blocked' : undefined}
          onClick={() =>
            run({ kind: 'submit', version: handoff.version }, (h) =>
              t('handoffs.actions.submitted', { name: h.receiver.name }),
            )
          }
        >
          {handoff.round > 0 ? t('handoffs.actions.resubmit') : t('handoffs.actions.submit')}
        </Button>
      ) : null}
      {can('edit') ? (
        <Button
          variant="default"
          leftSection={<IconEdit size={16} aria-hidden />}
          onClick={() => open('edit')}
          disabled={!initiative.data}
        >
          {t('handoffs.actions.edit')}
        </Button>
      ) : null}
      {can('ask') ? (
        <Button
          variant="default"
          leftSection={<IconMessageQuestion size={16} aria-hidden />}
          onClick={() => open('ask')}
        >
          {t('handoffs.actions.ask')}
        </Button>
      ) : null}
      {can('withdraw') ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => open('withdraw')}
        >
          {t('handoffs.actions.withdraw')}
        </Button>
      ) : null}
    </Group>
  );

  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={6}>
        {buttons}
        {can('submit') && submitBlocked ? (
          <Text size="sm" c="dimmed" id="submit-blocked">
            {submitBlocked}
          </Text>
        ) : null}
        {can('accept') && acceptBlocked ? (
          <Text size="sm" c="grape.8" id="accept-blocked">
            {acceptBlocked}
          </Text>
        ) : null}
        {dialog === null ? <ActionError error={command.error} onReload={onReload} /> : null}
      </Stack>
    </Paper>
  );
}

/** The dialogs behind the buttons: confirm acceptance or withdrawal, return, ask, edit. */
export function HandoffActionDialogs({ handoff, actions, onReload }: HandoffActionsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { command, initiative, dialog, close, run } = actions;
  const toStage = handoff.toStage ? stageName(handoff.toStage, fmt.language) : null;
  return (
    <>
      <ConfirmModal
        opened={dialog === 'accept'}
        onClose={close}
        title={t('handoffs.actions.acceptTitle')}
        text={
          <>
            {t('handoffs.actions.acceptText')}{' '}
            {toStage ? t('handoffs.actions.acceptStage', { stage: toStage }) : null}
          </>
        }
        confirmLabel={t('handoffs.actions.accept')}
        loading={command.isPending}
        error={command.error}
        onConfirm={() =>
          run({ kind: 'accept', version: handoff.version }, () =>
            toStage
              ? t('handoffs.actions.acceptedStage', { stage: toStage })
              : t('handoffs.actions.accepted'),
          )
        }
      />
      <ConfirmModal
        opened={dialog === 'withdraw'}
        onClose={close}
        title={t('handoffs.actions.withdrawTitle')}
        text={t('handoffs.actions.withdrawText')}
        confirmLabel={t('handoffs.actions.withdraw')}
        destructive
        loading={command.isPending}
        error={command.error}
        onConfirm={() =>
          run({ kind: 'withdraw', version: handoff.version }, () => t('handoffs.actions.withdrawn'))
        }
      />
      <ReturnDialog
        handoff={handoff}
        opened={dialog === 'return'}
        onClose={close}
        loading={command.isPending}
        error={command.error}
        onReload={onReload}
        onConfirm={(reason, failedItems) =>
          run({ kind: 'return', version: handoff.version, reason, failedItems }, () =>
            t('handoffs.actions.returned'),
          )
        }
      />
      <TextDialog
        opened={dialog === 'ask'}
        onClose={close}
        title={t('handoffs.actions.askTitle')}
        label={t('handoffs.actions.question')}
        hint={t('handoffs.actions.questionHint')}
        confirmLabel={t('handoffs.actions.ask')}
        loading={command.isPending}
        error={command.error}
        onReload={onReload}
        field="text"
        onConfirm={(text) =>
          run({ kind: 'ask', version: handoff.version, text }, () => t('handoffs.actions.asked'))
        }
      />
      {initiative.data ? (
        <HandoffFormModal
          opened={dialog === 'edit'}
          onClose={close}
          initiative={initiative.data}
          handoff={handoff}
          onSaved={close}
        />
      ) : null}
    </>
  );
}
