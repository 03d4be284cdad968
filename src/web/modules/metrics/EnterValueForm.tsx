import { Button, Group, NumberInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Metric } from '../../../contracts/metrics.js';
import { isApiError } from '../../api/client.js';
import { DayTimeInput } from '../../components/DateFields.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useFormat, type Formatters } from '../../i18n/format.js';
import { applyServerErrors } from '../../lib/validation.js';
import { localInputToIso, toLocalInput, valueProblem } from './metric-format.js';
import { useCreateMeasurementMutation } from './metrics.queries.js';

interface Values {
  at: string;
  value: number | string;
  note: string;
}

/** The message for a value the definition does not allow, or null. */
export function valueError(
  value: number | string,
  metric: Pick<Metric, 'definition'>,
  t: TFunction,
  fmt: Formatters,
): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return value === '' ? t('validation.required') : t('validation.invalid');
  }
  const d = metric.definition;
  switch (valueProblem(value, d)) {
    case 'whole':
      return t('metrics.form.wholeNumber');
    case 'below':
      return t('metrics.data.below', { min: fmt.number(d.minValue ?? 0) });
    case 'above':
      return t('metrics.data.above', { max: fmt.number(d.maxValue ?? 0) });
    default:
      return null;
  }
}

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Enter one value by hand: when (local time), how much, and an optional note. */
export function EnterValueForm({ metric }: { metric: Metric }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const create = useCreateMeasurementMutation(metric.id, metric.initiativeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { at: toLocalInput(new Date()), value: '', note: '' },
    validateInputOnChange: true,
    validate: {
      at: (v) =>
        v.trim() === ''
          ? t('metrics.data.invalidTime')
          : localInputToIso(v) === null
            ? t('metrics.data.missingTime')
            : null,
      value: (v) => valueError(v, metric, t, fmt),
      note: (v) => (v.length > 1000 ? t('validation.maxLength', { max: 1000 }) : null),
    },
  });

  const submit = form.onSubmit((v) => {
    const at = localInputToIso(v.at);
    if (at === null || typeof v.value !== 'number') return;
    create.mutate(
      { at, value: v.value, note: v.note.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ message: t('metrics.data.added'), color: 'blue' });
          form.setValues({ value: '', note: '' });
          form.resetDirty();
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'duplicate_measurement') {
            form.setFieldError('at', t('metrics.data.duplicate'));
            return;
          }
          applyServerErrors(form, e, t);
        },
      },
    );
  });

  const fieldErrorShown = Object.keys(form.errors).length > 0;
  return (
    <form onSubmit={submit} noValidate aria-label={t('metrics.data.enter')}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <DayTimeInput
          label={t('metrics.data.at')}
          required
          w={{ base: '100%', xs: 230 }}
          {...form.getInputProps('at')}
          value={form.values.at}
        />
        <NumberInput
          label={t('metrics.data.value')}
          required
          decimalSeparator={fmt.language === 'de' ? ',' : '.'}
          allowDecimal={metric.definition.valueType === 'decimal'}
          hideControls
          rightSection={
            <Text size="xs" c="dimmed" pr={8} style={{ whiteSpace: 'nowrap' }}>
              {metric.definition.unit}
            </Text>
          }
          rightSectionWidth="auto"
          rightSectionPointerEvents="none"
          w={{ base: '100%', xs: 150 }}
          {...form.getInputProps('value')}
        />
        <TextInput
          label={t('metrics.data.note')}
          placeholder={t('metrics.data.notePlaceholder')}
          maxLength={1000}
          style={{ flex: '1 1 160px' }}
          {...form.getInputProps('note')}
        />
        <Button
          type="submit"
          loading={create.isPending}
          leftSection={<IconPlus size={16} aria-hidden />}
          mt={{ base: 0, xs: 25 }}
        >
          {t('metrics.data.add')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {t('metrics.data.atHint', { zone: localZone() })}
      </Text>
      {create.error && !fieldErrorShown ? <ProblemAlert error={create.error} /> : null}
    </form>
  );
}
