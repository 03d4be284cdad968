import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import {
  CreateMetricBody,
  type Aggregation,
  type Direction,
  type Metric,
  type MetricDefinition,
  type Period,
  type UpdateMetricBody,
  type ValueType,
} from '../../../contracts/metrics.js';
import { zodErrors } from '../../lib/validation.js';
import { DEFINITION_FIELDS } from '../../../contracts/metrics.js';

export interface MetricFormValues {
  name: string;
  description: string;
  dataSource: string;
  unit: string;
  valueType: ValueType;
  /** Empty string: no limit (Mantine's NumberInput gives '' when cleared). */
  minValue: number | string;
  maxValue: number | string;
  direction: Direction;
  aggregation: Aggregation;
  period: Period;
  timeZone: string;
  businessOwnerId: string | null;
  itOwnerId: string | null;
}

export function emptyMetricValues(owners: {
  businessOwnerId: string | null;
  itOwnerId: string | null;
}): MetricFormValues {
  return {
    name: '',
    description: '',
    dataSource: '',
    unit: '',
    valueType: 'decimal',
    minValue: '',
    maxValue: '',
    direction: 'higher_is_better',
    aggregation: 'sum',
    period: 'week',
    timeZone: 'Europe/Berlin',
    ...owners,
  };
}

export function fromMetric(m: Metric): MetricFormValues {
  const d = m.definition;
  return {
    ...d,
    minValue: d.minValue ?? '',
    maxValue: d.maxValue ?? '',
    businessOwnerId: m.businessOwner.id,
    itOwnerId: m.itOwner.id,
  };
}

const limit = (v: number | string): number | null =>
  typeof v === 'number' ? v : v.trim() === '' ? null : Number(v.replace(',', '.'));

/** The definition as the values describe it (trimmed like the server does). */
export function definitionOf(v: MetricFormValues): MetricDefinition {
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    dataSource: v.dataSource.trim(),
    unit: v.unit.trim(),
    valueType: v.valueType,
    minValue: limit(v.minValue),
    maxValue: limit(v.maxValue),
    direction: v.direction,
    aggregation: v.aggregation,
    period: v.period,
    timeZone: v.timeZone,
  };
}

export function toCreateBody(v: MetricFormValues): CreateMetricBody {
  return {
    ...definitionOf(v),
    businessOwnerId: v.businessOwnerId ?? '',
    itOwnerId: v.itOwnerId ?? '',
  };
}

/** Only what changed, so an unchanged definition keeps its signatures. */
export function toUpdateBody(v: MetricFormValues, metric: Metric): UpdateMetricBody {
  const next = definitionOf(v);
  const body: UpdateMetricBody = { version: metric.version };
  for (const key of DEFINITION_FIELDS) {
    if (next[key] !== metric.definition[key]) Object.assign(body, { [key]: next[key] });
  }
  if (v.businessOwnerId && v.businessOwnerId !== metric.businessOwner.id) {
    body.businessOwnerId = v.businessOwnerId;
  }
  if (v.itOwnerId && v.itOwnerId !== metric.itOwner.id) body.itOwnerId = v.itOwnerId;
  return body;
}

/** True when saving would make a new version (and void the signatures). */
export function changesDefinition(v: MetricFormValues, metric: Metric): boolean {
  const next = definitionOf(v);
  return DEFINITION_FIELDS.some((key) => next[key] !== metric.definition[key]);
}

/** The contract's rules plus those spanning fields, in the user's language. */
export function validateMetric(v: MetricFormValues, t: TFunction): FormErrors {
  const errors = zodErrors(CreateMetricBody, toCreateBody(v), t);
  for (const key of ['businessOwnerId', 'itOwnerId']) {
    if (errors[key]) errors[key] = t('validation.choose');
  }
  const d = definitionOf(v);
  for (const key of ['minValue', 'maxValue'] as const) {
    const value = d[key];
    if (value !== null && !Number.isFinite(value)) errors[key] = t('validation.invalid');
    else if (value !== null && d.valueType === 'integer' && !Number.isInteger(value)) {
      errors[key] = t('metrics.form.wholeNumber');
    }
  }
  if (d.minValue !== null && d.maxValue !== null && d.minValue > d.maxValue) {
    errors.maxValue ??= t('metrics.form.minAboveMax');
  }
  return errors;
}
