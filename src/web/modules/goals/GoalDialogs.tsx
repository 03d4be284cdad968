import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../../contracts/common.js';
import { CloseGoalBody, type GoalDetail } from '../../../contracts/goals.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';
import { zodErrors } from '../../lib/validation.js';
import { termsLine } from './goal-format.js';
import { goalFieldErrors, GoalProblemAlert } from './GoalProblem.js';
import { useCloseGoalMutation, useSignGoalMutation } from './goals.queries.js';
import { FormActions } from '../../components/FormActions.js';

/** Signing is a commitment: say what the side commits to, then sign the current version. */
export function SignGoalModal({
  goal,
  side,
  onClose,
  onReload,
}: {
  goal: GoalDetail;
  side: Side | null;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sign = useSignGoalMutation(goal.id);
  const version = goal.agreement.currentVersion;
  const sideName = side ? t(`side.${side}`) : '';
  const close = () => {
    sign.reset();
    onClose();
  };
  return (
    <Modal
      opened={side !== null}
      onClose={close}
      title={t('goals.sign.title', { version, side: sideName })}
      centered
    >
      <Stack>
        <Text size="sm">
          {t('goals.sign.text', {
            side: sideName,
            statement: goal.statement,
            terms: termsLine(goal, t, fmt),
            metric: goal.metric?.name ?? '',
          })}
        </Text>
        <GoalProblemAlert error={sign.error} onReload={onReload} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color={side ? SIDE_COLOR[side] : undefined}
            leftSection={<IconSignature size={16} aria-hidden />}
            loading={sign.isPending}
            data-autofocus
            onClick={() => {
              if (!side) return;
              sign.mutate(
                { version, side },
                {
                  onSuccess: (saved) => {
                    notifications.show({
                      message: saved.agreement.agreed
                        ? t('goals.sign.nowAgreed')
                        : t('goals.sign.done', { version, side: sideName }),
                      color: 'blue',
                    });
                    close();
                  },
                },
              );
            }}
          >
            {t('goals.sign.confirm', { side: sideName })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type Outcome = CloseGoalBody['outcome'];

function CloseForm({
  goal,
  outcome,
  onClose,
  onReload,
}: {
  goal: GoalDetail;
  outcome: Outcome;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const close = useCloseGoalMutation(goal.id);
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: (v) =>
      zodErrors(CloseGoalBody, { version: goal.version, outcome, reason: v.reason }, t),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        close.mutate(
          { version: goal.version, outcome, reason: v.reason.trim() },
          {
            onSuccess: () => {
              notifications.show({
                message:
                  outcome === 'missed' ? t('goals.close.markedMissed') : t('goals.close.dropped'),
                color: 'gray',
              });
              onClose();
            },
            onError: (e) => {
              const fields = goalFieldErrors(e, t, null);
              if (fields.reason) form.setErrors({ reason: fields.reason });
            },
          },
        ),
      )}
    >
      <Stack>
        <Text size="sm">
          {outcome === 'missed' ? t('goals.close.missedText') : t('goals.close.dropText')}
        </Text>
        <Textarea
          label={t('goals.close.reason')}
          placeholder={
            outcome === 'missed'
              ? t('goals.close.missedPlaceholder')
              : t('goals.close.dropPlaceholder')
          }
          required
          autosize
          minRows={3}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <GoalProblemAlert
          error={close.error && !Object.keys(form.errors).length ? close.error : null}
          onReload={onReload}
        />
        <FormActions
          onCancel={onClose}
          loading={close.isPending}
          color="dark"
          submitLabel={outcome === 'missed' ? t('goals.close.missed') : t('goals.close.drop')}
        />
      </Stack>
    </form>
  );
}

/** Missed (agreed goals past due) or dropped: irreversible, so it confirms and asks why. */
export function CloseGoalModal({
  goal,
  outcome,
  onClose,
  onReload,
}: {
  goal: GoalDetail;
  outcome: Outcome | null;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={outcome !== null}
      onClose={onClose}
      title={outcome === 'missed' ? t('goals.close.missedTitle') : t('goals.close.dropTitle')}
      centered
    >
      {outcome ? (
        <CloseForm goal={goal} outcome={outcome} onClose={onClose} onReload={onReload} />
      ) : null}
    </Modal>
  );
}
