import {
  Anchor,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MetricSummary } from '../../../contracts/metrics.js';
import { DayInput } from '../../components/DateFields.js';
import { useFormat } from '../../i18n/format.js';
import { DirectionIcon } from '../metrics/MetricValue.js';
import type { GoalFormValues } from './goal-form.js';

/**
 * How the goal is measured: the metric (with its direction, unit and period) and the baseline,
 * target and due date in the metric's unit.
 */
export function GoalMeasureFields({
  form,
  metrics,
  initiativeId,
  hint,
  onLeave,
}: {
  form: UseFormReturnType<GoalFormValues>;
  metrics: MetricSummary[];
  initiativeId: string;
  /** A contradiction the gate found at this field, shown until the field has its own error. */
  hint: (field: 'targetValue' | 'dueDate') => string | undefined;
  /** The link to the metrics tab leaves the form. */
  onLeave: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const metric = metrics.find((m) => m.id === form.values.metricId) ?? null;
  const direction = metric?.definition.direction ?? null;
  const unit = metric?.definition.unit ?? '';
  const decimalSeparator = fmt.language === 'de' ? ',' : '.';
  const metricOptions = metrics.map((m) => ({ value: m.id, label: m.definition.name }));
  const byId = new Map(metrics.map((m) => [m.id, m]));
  return (
    <Fieldset legend={t('goals.form.sections.measure')} radius="md">
      <Stack gap="sm">
        <Select
          label={t('goals.field.metricId')}
          placeholder={t('goals.form.metricPlaceholder')}
          data={metricOptions}
          clearable
          nothingFoundMessage={t('goals.form.noMetrics')}
          description={
            metric ? (
              <Group gap={6} component="span">
                <DirectionIcon direction={metric.definition.direction} size={14} decorative />
                <span>
                  {t(`metrics.direction.${metric.definition.direction}`)} · {metric.definition.unit}{' '}
                  ·{' '}
                  {t('goals.form.perPeriod', {
                    period: t(`metrics.periodOf.${metric.definition.period}`),
                  })}
                </span>
              </Group>
            ) : metrics.length === 0 ? (
              <span>
                {t('goals.form.noMetrics')}{' '}
                <Anchor
                  component={Link}
                  to={`/initiatives/${initiativeId}?tab=metrics`}
                  size="xs"
                  onClick={onLeave}
                >
                  {t('goals.form.toMetrics')}
                </Anchor>
              </span>
            ) : (
              t('goals.form.metricHint')
            )
          }
          renderOption={({ option }) => {
            const m = byId.get(option.value);
            if (!m) return option.label;
            return (
              <Stack gap={0}>
                <Text size="sm">{m.definition.name}</Text>
                {/* Announced by the field's description once chosen; the option keeps its name. */}
                <Text size="xs" c="dimmed" aria-hidden>
                  {m.definition.unit} · {t(`metrics.direction.${m.definition.direction}`)}
                </Text>
              </Stack>
            );
          }}
          {...form.getInputProps('metricId')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput
            label={t('goals.field.baselineValue')}
            description={t('goals.form.baselineHint')}
            decimalSeparator={decimalSeparator}
            hideControls
            rightSection={unit ? <Text size="xs">{unit}</Text> : undefined}
            rightSectionWidth={unit ? Math.max(36, unit.length * 8 + 16) : undefined}
            {...form.getInputProps('baselineValue')}
          />
          <DayInput
            label={t('goals.field.baselineDate')}
            description={t('goals.form.baselineDateHint')}
            {...form.getInputProps('baselineDate')}
            value={form.values.baselineDate}
            clearable
          />
          <NumberInput
            label={t('goals.field.targetValue')}
            description={
              direction
                ? t(`goals.form.targetHint.${direction}`)
                : t('goals.form.targetHint.unknown')
            }
            decimalSeparator={decimalSeparator}
            hideControls
            rightSection={unit ? <Text size="xs">{unit}</Text> : undefined}
            rightSectionWidth={unit ? Math.max(36, unit.length * 8 + 16) : undefined}
            {...form.getInputProps('targetValue')}
            error={form.errors.targetValue ?? hint('targetValue')}
          />
          <DayInput
            label={t('goals.field.dueDate')}
            description={t('goals.form.dueDateHint')}
            {...form.getInputProps('dueDate')}
            value={form.values.dueDate}
            error={form.errors.dueDate ?? hint('dueDate')}
            clearable
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
