import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../../contracts/common.js';
import { DeliverableKind, type Handoff } from '../../../contracts/handoffs.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { DayInput } from '../../components/DateFields.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { stageName, useFormat } from '../../i18n/format.js';
import { useStagesQuery } from '../../queries/stages.js';
import { useMe } from '../../queries/session.js';
import { handoffFieldErrors } from './handoff-problems.js';
import {
  defaultValues,
  emptyDeliverable,
  fromHandoff,
  type HandoffFormValues,
  receivingSide,
  toCreateBody,
  toUpdateBody,
  validateHandoff,
  WITHIN_STAGE,
} from './handoff-form.js';
import { useCreateHandoffMutation, useUpdateHandoffMutation } from './handoffs.queries.js';
import { FormActions } from '../../components/FormActions.js';
import { FormModal } from '../../components/FormModal.js';

interface HandoffFormProps {
  initiative: Initiative;
  /** null: start a new handoff. */
  handoff: Handoff | null;
  onClose: () => void;
  onSaved: (handoff: Handoff) => void;
}

function HandoffForm({ initiative, handoff, onClose, onSaved }: HandoffFormProps) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const me = useMe();
  const stages = useStagesQuery().data ?? [];
  const create = useCreateHandoffMutation(initiative.id);
  const update = useUpdateHandoffMutation(handoff?.id ?? '');
  const mutation = handoff ? update : create;
  const senderSide: Side = handoff?.sender.side ?? me.side;
  const form = useForm<HandoffFormValues>({
    mode: 'controlled',
    initialValues: handoff ? fromHandoff(handoff) : defaultValues(initiative, stages, me),
    validateInputOnChange: true,
    validate: (values) => validateHandoff(values, t),
  });
  const v = form.values;
  const target = stages.find((s) => s.id === v.toStageId);
  const side = receivingSide(target, senderSide);
  const team = initiative.members.filter((m) => m.role !== 'observer').map((m) => m.person);
  const senderId = handoff?.sender.id ?? me.id;
  const receivers = team.filter((p) => p.side === side && p.id !== senderId);
  const deputies = team.filter((p) => p.side === senderSide && p.id !== senderId);

  const submit = form.onSubmit((values) => {
    const onError = (e: unknown) => {
      const errors = handoffFieldErrors(e, t);
      if (Object.keys(errors).length) form.setErrors(errors);
    };
    if (handoff)
      update.mutate(toUpdateBody(values, handoff), {
        onSuccess: (saved) => {
          notifications.show({ message: t('handoffs.form.saved'), color: 'blue' });
          onSaved(saved);
        },
        onError,
      });
    else
      create.mutate(toCreateBody(values), {
        onSuccess: (created) => {
          notifications.show({ message: t('handoffs.form.created'), color: 'blue' });
          onSaved(created);
        },
        onError,
      });
  });

  const stageOptions = [
    ...stages
      .filter((s) => s.id !== initiative.stage.id)
      .map((s) => ({ value: s.id, label: stageName(s, language) })),
    { value: WITHIN_STAGE, label: t('handoffs.form.withinStage') },
  ];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('handoffs.form.title')}
          placeholder={t('handoffs.form.titlePlaceholder')}
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('handoffs.form.toStage')}
            description={target ? t('handoffs.form.toStageHint') : undefined}
            data={stageOptions}
            allowDeselect={false}
            disabled={handoff !== null}
            {...form.getInputProps('toStageId')}
            onChange={(value) => {
              form.setFieldValue('toStageId', value ?? WITHIN_STAGE);
              const s = stages.find((x) => x.id === value);
              const next = receivingSide(s, senderSide);
              if (next !== side) {
                form.setFieldValue('receiverId', null);
                form.setFieldValue('receiverDeputyId', null);
              }
            }}
          />
          <DayInput
            label={t('handoffs.form.dueDate')}
            required
            {...form.getInputProps('dueDate')}
            value={form.values.dueDate}
          />
        </SimpleGrid>
        <Fieldset legend={t('handoffs.form.people')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PersonSelect
              label={t('handoffs.receiver')}
              description={
                target && target.owningSide !== 'both'
                  ? t('handoffs.form.receiverHint', { side: t(`side.${side}`) })
                  : t('handoffs.form.receiverHintAny')
              }
              required
              people={receivers}
              {...form.getInputProps('receiverId')}
            />
            <PersonSelect
              label={t('handoffs.receiverDeputy')}
              clearable
              people={receivers.filter((p) => p.id !== v.receiverId)}
              {...form.getInputProps('receiverDeputyId')}
            />
            <PersonSelect
              label={t('handoffs.senderDeputy')}
              clearable
              people={deputies}
              {...form.getInputProps('senderDeputyId')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('handoffs.form.deliverables')}>
          <Stack gap="sm">
            {v.deliverables.map((_, i) => (
              <Paper key={i} withBorder p="sm" radius="sm">
                <Stack gap="xs">
                  <Group align="flex-end" wrap="nowrap">
                    <TextInput
                      style={{ flex: 1 }}
                      label={t('handoffs.form.deliverableTitle', { n: i + 1 })}
                      required
                      {...form.getInputProps(`deliverables.${i}.title`)}
                    />
                    <Select
                      w={220}
                      label={t('handoffs.form.deliverableKind', { n: i + 1 })}
                      data={DeliverableKind.options.map((k) => ({
                        value: k,
                        label: t(`handoffs.kind.${k}`),
                      }))}
                      allowDeselect={false}
                      {...form.getInputProps(`deliverables.${i}.kind`)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      mb={2}
                      aria-label={t('handoffs.form.removeDeliverable', { n: i + 1 })}
                      onClick={() => form.removeListItem('deliverables', i)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                  <TextInput
                    type="url"
                    label={t('handoffs.form.deliverableLink', { n: i + 1 })}
                    placeholder="https://"
                    {...form.getInputProps(`deliverables.${i}.link`)}
                  />
                  <TextInput
                    label={t('handoffs.form.deliverableDescription', { n: i + 1 })}
                    {...form.getInputProps(`deliverables.${i}.description`)}
                  />
                </Stack>
              </Paper>
            ))}
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('deliverables', emptyDeliverable())}
              w="fit-content"
            >
              {t('handoffs.form.addDeliverable')}
            </Button>
          </Stack>
        </Fieldset>
        <Textarea
          label={t('handoffs.form.note')}
          autosize
          minRows={2}
          {...form.getInputProps('note')}
        />
        {!handoff && target ? (
          <Alert
            variant="light"
            color="gray"
            icon={<IconInfoCircle size={16} aria-hidden />}
            p="xs"
          >
            <Text size="sm">{t('handoffs.form.checklistAfterCreate')}</Text>
          </Alert>
        ) : null}
        <ProblemAlert error={mutation.error} />
        <FormActions
          onCancel={onClose}
          loading={mutation.isPending}
          submitLabel={handoff ? t('common.saveChanges') : t('handoffs.form.create')}
        />
      </Stack>
    </form>
  );
}

export function HandoffFormModal({ opened, ...props }: HandoffFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={props.onClose}
      title={props.handoff ? t('handoffs.form.editTitle') : t('handoffs.form.createTitle')}
      centered={false}
    >
      <HandoffForm {...props} />
    </FormModal>
  );
}
