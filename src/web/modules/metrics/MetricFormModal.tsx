import {
  Alert,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrendingDown, IconTrendingUp } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../../contracts/common.js';
import type { Member } from '../../../contracts/initiatives.js';
import {
  Aggregation,
  Direction,
  Period,
  ValueType,
  type Metric,
} from '../../../contracts/metrics.js';
import { PersonSelect } from '../../components/PersonSelect.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SideBadge } from '../../components/SideBadge.js';
import { SideColumn } from '../../components/SideColumn.js';
import { useFormat } from '../../i18n/format.js';
import { applyServerErrors } from '../../lib/validation.js';
import {
  changesDefinition,
  emptyMetricValues,
  fromMetric,
  toCreateBody,
  toUpdateBody,
  validateMetric,
  type MetricFormValues,
} from './metric-form.js';
import { metricKeys, useCreateMetricMutation, useUpdateMetricMutation } from './metrics.queries.js';
import { FormActions } from '../../components/FormActions.js';
import { FormModal } from '../../components/FormModal.js';
import { SIDES } from '../../../domain/sides.js';

/** Every IANA zone the browser knows; Europe/Berlin first, as most of our users are there. */
function timeZones(): string[] {
  const all =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['Europe/Berlin', ...all.filter((z) => z !== 'Europe/Berlin')];
}

interface MetricFormProps {
  initiativeId: string;
  members: Member[];
  /** Null: define a new metric. */
  metric: Metric | null;
  defaultOwners: { businessOwnerId: string | null; itOwnerId: string | null };
  onClose: () => void;
  onSaved: (metric: Metric) => void;
}

function MetricForm({
  initiativeId,
  members,
  metric,
  defaultOwners,
  onClose,
  onSaved,
}: MetricFormProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const create = useCreateMetricMutation(initiativeId);
  const update = useUpdateMetricMutation(metric?.id ?? '');
  const mutation = metric ? update : create;
  const queryClient = useQueryClient();
  const zones = useMemo(timeZones, []);
  const form = useForm<MetricFormValues>({
    mode: 'controlled',
    initialValues: metric ? fromMetric(metric) : emptyMetricValues(defaultOwners),
    validateInputOnChange: true,
    validate: (values) => validateMetric(values, t),
  });
  const v = form.values;
  const peopleOf = (side: Side) => {
    const people = members
      .filter((m) => m.person.side === side && m.role !== 'observer')
      .map((m) => m.person);
    // The current owner stays choosable even if the member list is not loaded (yet).
    const current = metric ? (side === 'business' ? metric.businessOwner : metric.itOwner) : null;
    return current && !people.some((p) => p.id === current.id) ? [current, ...people] : people;
  };
  const signed = metric ? Boolean(metric.agreement.business ?? metric.agreement.it) : false;
  const willVoid = metric ? changesDefinition(v, metric) : false;
  const decimalSeparator = fmt.language === 'de' ? ',' : '.';

  const submit = form.onSubmit((values) => {
    const onError = (e: unknown) => applyServerErrors(form, e, t);
    if (!metric) {
      create.mutate(toCreateBody(values), {
        onSuccess: (created) => {
          notifications.show({ message: t('metrics.form.created'), color: 'blue' });
          onSaved(created);
        },
        onError,
      });
      return;
    }
    const body = toUpdateBody(values, metric);
    if (Object.keys(body).length === 1) {
      notifications.show({ message: t('metrics.form.noChanges'), color: 'gray' });
      onClose();
      return;
    }
    update.mutate(body, {
      onSuccess: (saved) => {
        const newVersion = saved.agreement.currentVersion > metric.agreement.currentVersion;
        notifications.show({
          message: newVersion
            ? t('metrics.form.savedNewVersion', { version: saved.agreement.currentVersion })
            : t('metrics.form.saved'),
          color: 'blue',
        });
        onSaved(saved);
      },
      onError,
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {metric && signed ? (
          <Alert
            variant="light"
            color="blue"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={t('metrics.form.voidsSignatures')}
          >
            <Text size="sm">
              {willVoid
                ? t('metrics.form.willVoid', {
                    version: metric.agreement.currentVersion + 1,
                    current: metric.agreement.currentVersion,
                  })
                : t('metrics.form.ownersOnly')}
            </Text>
          </Alert>
        ) : null}

        <Fieldset legend={t('metrics.form.sections.what')} radius="md">
          <Stack gap="sm">
            <TextInput
              label={t('metrics.field.name')}
              placeholder={t('metrics.form.namePlaceholder')}
              required
              maxLength={120}
              data-autofocus
              {...form.getInputProps('name')}
            />
            <Textarea
              label={t('metrics.field.description')}
              description={t('metrics.form.descriptionHint')}
              placeholder={t('metrics.form.descriptionPlaceholder')}
              required
              autosize
              minRows={2}
              maxRows={8}
              maxLength={4000}
              {...form.getInputProps('description')}
            />
            <TextInput
              label={t('metrics.field.dataSource')}
              description={t('metrics.form.dataSourceHint')}
              placeholder={t('metrics.form.dataSourcePlaceholder')}
              required
              maxLength={500}
              {...form.getInputProps('dataSource')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('metrics.form.sections.how')} radius="md">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('metrics.field.unit')}
                description={t('metrics.form.unitHint')}
                placeholder={t('metrics.form.unitPlaceholder')}
                required
                maxLength={40}
                {...form.getInputProps('unit')}
              />
              <Select
                label={t('metrics.field.valueType')}
                description={t(`metrics.valueTypeHint.${v.valueType}`)}
                data={ValueType.options.map((o) => ({
                  value: o,
                  label: t(`metrics.valueType.${o}`),
                }))}
                allowDeselect={false}
                {...form.getInputProps('valueType')}
              />
              <NumberInput
                label={t('metrics.field.minValue')}
                description={t('metrics.form.rangeHint')}
                placeholder={t('metrics.noLimit')}
                decimalSeparator={decimalSeparator}
                allowDecimal={v.valueType === 'decimal'}
                hideControls
                {...form.getInputProps('minValue')}
              />
              <NumberInput
                label={t('metrics.field.maxValue')}
                description={t('metrics.form.rangeHint')}
                placeholder={t('metrics.noLimit')}
                decimalSeparator={decimalSeparator}
                allowDecimal={v.valueType === 'decimal'}
                hideControls
                {...form.getInputProps('maxValue')}
              />
            </SimpleGrid>
            <Radio.Group label={t('metrics.field.direction')} {...form.getInputProps('direction')}>
              <Group gap="lg" mt={6}>
                {Direction.options.map((o) => (
                  <Radio
                    key={o}
                    value={o}
                    label={
                      <Group gap={6} wrap="nowrap">
                        {o === 'higher_is_better' ? (
                          <IconTrendingUp size={16} aria-hidden />
                        ) : (
                          <IconTrendingDown size={16} aria-hidden />
                        )}
                        {t(`metrics.direction.${o}`)}
                      </Group>
                    }
                  />
                ))}
              </Group>
            </Radio.Group>
            <Radio.Group
              label={t('metrics.field.aggregation')}
              {...form.getInputProps('aggregation')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt={6}>
                {Aggregation.options.map((o) => (
                  <Radio
                    key={o}
                    value={o}
                    label={t(`metrics.aggregation.${o}`)}
                    description={t(`metrics.aggregationHint.${o}`)}
                  />
                ))}
              </SimpleGrid>
            </Radio.Group>
            <Radio.Group label={t('metrics.field.period')} {...form.getInputProps('period')}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt={6}>
                {Period.options.map((o) => (
                  <Radio
                    key={o}
                    value={o}
                    label={t(`metrics.period.${o}`)}
                    description={t(`metrics.periodHint.${o}`)}
                  />
                ))}
              </SimpleGrid>
            </Radio.Group>
            <Select
              label={t('metrics.field.timeZone')}
              description={t('metrics.form.timeZoneHint')}
              data={zones}
              searchable
              allowDeselect={false}
              maw={360}
              {...form.getInputProps('timeZone')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('metrics.form.sections.who')} radius="md">
          <Text size="sm" c="dimmed" mb="sm">
            {t('metrics.form.sections.whoHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {SIDES.map((side) => {
              const people = peopleOf(side);
              return (
                <SideColumn key={side} side={side} gap="xs">
                  <SideBadge side={side} />
                  <PersonSelect
                    label={
                      side === 'business'
                        ? t('metrics.field.businessOwner')
                        : t('metrics.field.itOwner')
                    }
                    placeholder={t('form.pickPerson')}
                    people={people}
                    required
                    description={people.length === 0 ? t('metrics.form.noMembers') : undefined}
                    {...form.getInputProps(side === 'business' ? 'businessOwnerId' : 'itOwnerId')}
                  />
                </SideColumn>
              );
            })}
          </SimpleGrid>
        </Fieldset>

        <ProblemAlert
          error={mutation.error && Object.keys(form.errors).length === 0 ? mutation.error : null}
          onReload={
            metric
              ? () => {
                  // Someone else changed the metric: load it, then the form starts from it.
                  void queryClient
                    .invalidateQueries({ queryKey: metricKeys.detail(metric.id) })
                    .then(onClose);
                }
              : undefined
          }
        />
        <FormActions
          onCancel={onClose}
          loading={mutation.isPending}
          submitLabel={metric ? t('common.saveChanges') : t('metrics.form.create')}
        />
      </Stack>
    </form>
  );
}

export function MetricFormModal({ opened, ...props }: MetricFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={props.onClose}
      title={props.metric ? t('metrics.form.editTitle') : t('metrics.form.createTitle')}
    >
      <MetricForm {...props} />
    </FormModal>
  );
}
