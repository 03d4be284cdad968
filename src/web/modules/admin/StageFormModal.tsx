import {
  ActionIcon,
  Button,
  Group,
  Input,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CreateStageBody, type OwningSide, type Stage } from '../../../contracts/stages.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { applyServerErrors, zodErrors } from '../../lib/validation.js';
import { useCreateStageMutation, useUpdateStageMutation } from './stages.queries.js';
import { FormActions } from '../../components/FormActions.js';
import { FormModal } from '../../components/FormModal.js';
import { OWNING_SIDES } from '../../../domain/sides.js';

interface ItemValues {
  key: string;
  id: string | undefined;
  labelDe: string;
  labelEn: string;
}

interface Values {
  nameDe: string;
  nameEn: string;
  owningSide: OwningSide;
  checklist: ItemValues[];
}

function toBody(v: Values) {
  return {
    nameDe: v.nameDe,
    nameEn: v.nameEn,
    owningSide: v.owningSide,
    checklist: v.checklist.map(({ id, labelDe, labelEn }) => ({
      ...(id ? { id } : {}),
      labelDe,
      labelEn,
    })),
  };
}

function StageForm({
  stage,
  onClose,
  onSaved,
}: {
  stage: Stage | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateStageMutation();
  const update = useUpdateStageMutation();
  const mutation = stage ? update : create;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      nameDe: stage?.nameDe ?? '',
      nameEn: stage?.nameEn ?? '',
      owningSide: stage?.owningSide ?? 'both',
      checklist: (stage?.checklist ?? []).map((i) => ({ key: i.id, ...i })),
    },
    validateInputOnChange: true,
    validate: (v) => zodErrors(CreateStageBody, toBody(v), t),
  });

  const submit = form.onSubmit((v) => {
    const body = toBody(v);
    const handlers = { onSuccess: onSaved, onError: (e: unknown) => applyServerErrors(form, e, t) };
    if (stage) update.mutate({ id: stage.id, body }, handlers);
    else create.mutate(body, handlers);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('admin.stages.nameDe')}
            required
            lang="de"
            data-autofocus
            {...form.getInputProps('nameDe')}
          />
          <TextInput
            label={t('admin.stages.nameEn')}
            required
            lang="en"
            {...form.getInputProps('nameEn')}
          />
        </SimpleGrid>
        <Input.Wrapper label={t('admin.stages.owningSide')}>
          <div>
            <SegmentedControl
              mt={6}
              aria-label={t('admin.stages.owningSide')}
              data={OWNING_SIDES.map((s) => ({ value: s, label: t(`side.${s}`) }))}
              {...form.getInputProps('owningSide')}
            />
          </div>
        </Input.Wrapper>

        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            {t('admin.stages.checklist')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('admin.stages.checklistHint')}
          </Text>
          {form.values.checklist.length === 0 ? (
            <Text size="sm" c="dimmed" fs="italic">
              {t('admin.stages.noItems')}
            </Text>
          ) : null}
          {form.values.checklist.map((item, index) => (
            <Paper key={item.key} withBorder radius="sm" p="sm">
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <Text size="sm" fw={600} c="dimmed" mt={30} w={20} ta="right" aria-hidden>
                  {index + 1}.
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
                  <TextInput
                    label={t('admin.stages.itemDe', { n: index + 1 })}
                    lang="de"
                    required
                    {...form.getInputProps(`checklist.${index}.labelDe`)}
                  />
                  <TextInput
                    label={t('admin.stages.itemEn', { n: index + 1 })}
                    lang="en"
                    required
                    {...form.getInputProps(`checklist.${index}.labelEn`)}
                  />
                </SimpleGrid>
                <Tooltip label={t('admin.stages.removeItem', { n: index + 1 })}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={26}
                    aria-label={t('admin.stages.removeItem', { n: index + 1 })}
                    onClick={() => form.removeListItem('checklist', index)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Paper>
          ))}
          {form.errors.checklist ? (
            <Text size="xs" c="red">
              {form.errors.checklist}
            </Text>
          ) : null}
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            w="fit-content"
            disabled={form.values.checklist.length >= 30}
            onClick={() =>
              form.insertListItem('checklist', {
                key: randomId(),
                id: undefined,
                labelDe: '',
                labelEn: '',
              })
            }
          >
            {t('admin.stages.addItem')}
          </Button>
        </Stack>

        <ProblemAlert error={mutation.error} />
        <FormActions
          onCancel={onClose}
          loading={mutation.isPending}
          submitLabel={stage ? t('common.saveChanges') : t('admin.stages.add')}
        />
      </Stack>
    </form>
  );
}

export function StageFormModal({
  stage,
  opened,
  onClose,
  onSaved,
}: {
  stage: Stage | null;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={stage ? t('admin.stages.editTitle') : t('admin.stages.addTitle')}
    >
      <StageForm stage={stage} onClose={onClose} onSaved={onSaved} />
    </FormModal>
  );
}
