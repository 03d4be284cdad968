import {
  Alert,
  Button,
  Fieldset,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalDetail } from '../../../contracts/goals.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { MetricSummary } from '../../../contracts/metrics.js';
import { useInitiativeQuery } from '../../queries/initiatives.js';
import { useMetricsQuery } from '../metrics/metrics.queries.js';
import { GateChecklist } from './GateChecklist.js';
import { gateMessage } from './goal-format.js';
import {
  changesTerms,
  emptyGoalValues,
  fromGoal,
  liveGate,
  localToday,
  toCreateBody,
  toUpdateBody,
  validateGoal,
  type GoalFormValues,
} from './goal-form.js';
import { GoalMeasureFields } from './GoalMeasureFields.js';
import { goalFieldErrors, goalProblemMessage, GoalProblemAlert } from './GoalProblem.js';
import { GoalResponsibleFields } from './GoalResponsibleFields.js';
import {
  goalKeys,
  useCreateGoalMutation,
  useProposeGoalMutation,
  useUpdateGoalMutation,
} from './goals.queries.js';
import { FormModal } from '../../components/FormModal.js';

interface GoalFormProps {
  initiative: Initiative;
  metrics: MetricSummary[];
  /** Null: start a new goal. */
  goal: GoalDetail | null;
  onClose: () => void;
  onSaved: (goal: GoalDetail) => void;
}

function GoalForm({ initiative, metrics, goal, onClose, onSaved }: GoalFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const create = useCreateGoalMutation(initiative.id);
  const update = useUpdateGoalMutation(goal?.id ?? '');
  const propose = useProposeGoalMutation();
  const [error, setError] = useState<unknown>(null);
  const today = useMemo(() => localToday(), []);
  const form = useForm<GoalFormValues>({
    mode: 'controlled',
    initialValues: goal
      ? fromGoal(goal)
      : emptyGoalValues(
          {
            businessResponsibleId: initiative.businessOwner.id,
            itResponsibleId: initiative.itOwner.id,
          },
          today,
        ),
    validateInputOnChange: true,
    validate: (values) => validateGoal(values, t),
  });
  const v = form.values;
  const metric = metrics.find((m) => m.id === v.metricId) ?? null;
  const direction = metric?.definition.direction ?? null;
  const gate = liveGate(v, direction, today);
  const status = goal?.status ?? 'draft';
  const isDraft = status === 'draft';
  const willVoid = goal ? changesTerms(v, goal) : false;
  // A signed goal whose terms change must pass the gate again; a draft only to be proposed.
  const gateMatters = isDraft || willVoid;
  const busy = create.isPending || update.isPending || propose.isPending;

  /** Contradictions (target on the wrong side, due date in the past) show at their field. */
  const hint = (field: 'targetValue' | 'dueDate') => {
    const issue = gate.find((g) => g.field === field && g.code !== 'missing');
    const touched = field === 'targetValue' ? v.targetValue !== '' : v.dueDate !== '';
    return issue && touched && gateMatters ? gateMessage(issue, t, direction) : undefined;
  };

  const fail = (e: unknown) => {
    const fields = goalFieldErrors(e, t, direction);
    if (Object.keys(fields).length) form.setErrors(fields);
    else setError(e);
  };

  const proposeNow = async (saved: GoalDetail): Promise<GoalDetail> => {
    try {
      const proposed = await propose.mutateAsync({ id: saved.id, version: saved.version });
      notifications.show({ message: t('goals.form.createdAndProposed'), color: 'blue' });
      return proposed;
    } catch (e) {
      // The draft is saved; its page shows what keeps it from being proposed.
      notifications.show({
        message: t('goals.form.notProposed', { reason: goalProblemMessage(e, t) }),
        color: 'gray',
      });
      return saved;
    }
  };

  const save = async (andPropose: boolean) => {
    setError(null);
    if (form.validate().hasErrors) return;
    if (andPropose && gate.length) return;
    if (willVoid && gate.length) {
      const errors: Record<string, string> = {};
      for (const p of gate) errors[p.field] ??= gateMessage(p, t, direction);
      form.setErrors(errors);
      return;
    }
    try {
      if (!goal) {
        const created = await create.mutateAsync(toCreateBody(v));
        if (andPropose) onSaved(await proposeNow(created));
        else {
          notifications.show({ message: t('goals.form.created'), color: 'blue' });
          onSaved(created);
        }
        return;
      }
      const body = toUpdateBody(v, goal);
      let saved = goal;
      if (Object.keys(body).length > 1) saved = await update.mutateAsync(body);
      if (andPropose) {
        onSaved(await proposeNow(saved));
        return;
      }
      if (saved === goal) {
        notifications.show({ message: t('goals.form.noChanges'), color: 'gray' });
        onClose();
        return;
      }
      const newVersion = saved.agreement.currentVersion > goal.agreement.currentVersion;
      notifications.show({
        message:
          newVersion && !isDraft
            ? t('goals.form.savedNewVersion', { version: saved.agreement.currentVersion })
            : t('goals.form.saved'),
        color: 'blue',
      });
      onSaved(saved);
    } catch (e) {
      fail(e);
    }
  };

  const reload = goal
    ? () => {
        void queryClient.invalidateQueries({ queryKey: goalKeys.detail(goal.id) });
        onClose();
      }
    : undefined;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
      noValidate
    >
      <Stack gap="md">
        {goal && !isDraft ? (
          <Alert
            variant="light"
            color={willVoid ? 'violet' : 'blue'}
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={willVoid ? t('goals.form.voidsTitle') : undefined}
            data-testid="voids-warning"
          >
            <Text size="sm">
              {willVoid
                ? t('goals.form.voidsText', {
                    version: goal.agreement.currentVersion + 1,
                    current: goal.agreement.currentVersion,
                  })
                : t('goals.form.termsHint')}
            </Text>
          </Alert>
        ) : null}

        <Fieldset legend={t('goals.form.sections.what')} radius="md">
          <Stack gap="sm">
            <TextInput
              label={t('goals.field.statement')}
              placeholder={t('goals.form.statementPlaceholder')}
              required
              maxLength={500}
              data-autofocus
              {...form.getInputProps('statement')}
            />
            <Textarea
              label={t('goals.field.rationale')}
              description={t('goals.form.rationaleHint')}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={4000}
              {...form.getInputProps('rationale')}
            />
          </Stack>
        </Fieldset>

        <GoalMeasureFields
          form={form}
          metrics={metrics}
          initiativeId={initiative.id}
          hint={hint}
          onLeave={onClose}
        />

        <GoalResponsibleFields form={form} initiative={initiative} />

        {gateMatters ? (
          <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
            <GateChecklist gate={gate} direction={direction} />
            {isDraft ? (
              <Text size="xs" c="dimmed" mt="xs">
                {t('goals.form.draftHint')}
              </Text>
            ) : null}
          </Paper>
        ) : null}

        <GoalProblemAlert error={error} onReload={reload} />

        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {isDraft ? (
            <>
              <Button type="submit" variant="default" loading={busy && !propose.isPending}>
                {goal ? t('common.saveChanges') : t('goals.form.saveDraft')}
              </Button>
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                disabled={gate.length > 0}
                loading={propose.isPending}
                onClick={() => void save(true)}
                title={gate.length > 0 ? t('goals.form.proposeBlocked') : undefined}
              >
                {t('goals.form.saveAndPropose')}
              </Button>
            </>
          ) : (
            <Button type="submit" loading={busy}>
              {willVoid && goal
                ? t('goals.form.voidsButton', { version: goal.agreement.currentVersion + 1 })
                : t('common.saveChanges')}
            </Button>
          )}
        </Group>
        {isDraft && gate.length > 0 ? (
          <Text size="xs" c="dimmed" ta="right" mt={-8}>
            {t('goals.form.proposeBlocked')}
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

/** Loads what the form needs (members, metrics), then shows it. */
function GoalFormLoader({
  initiativeId,
  ...props
}: Omit<GoalFormProps, 'initiative' | 'metrics'> & { initiativeId: string }) {
  const initiative = useInitiativeQuery(initiativeId);
  const metrics = useMetricsQuery(initiativeId);
  if (initiative.isError || metrics.isError) {
    return (
      <GoalProblemAlert
        error={initiative.error ?? metrics.error}
        onReload={() => {
          void initiative.refetch();
          void metrics.refetch();
        }}
      />
    );
  }
  if (!initiative.data || !metrics.data) {
    return (
      <Stack gap="sm" aria-busy="true">
        <Skeleton height={120} />
        <Skeleton height={200} />
        <Skeleton height={100} />
      </Stack>
    );
  }
  return <GoalForm initiative={initiative.data} metrics={metrics.data} {...props} />;
}

interface GoalFormModalProps {
  opened: boolean;
  initiativeId: string;
  goal: GoalDetail | null;
  onClose: () => void;
  onSaved: (goal: GoalDetail) => void;
}

/** New goal or edit: the same fields, live feedback on what keeps the goal from being signed. */
export function GoalFormModal({ opened, ...props }: GoalFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={props.onClose}
      title={props.goal ? t('goals.form.editTitle') : t('goals.form.createTitle')}
    >
      <GoalFormLoader {...props} />
    </FormModal>
  );
}
