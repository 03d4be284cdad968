import { describe, expect, it } from 'vitest';
import i18n from '../../i18n/index.js';
import { metric } from './fixtures.js';
import {
  changesDefinition,
  emptyMetricValues,
  fromMetric,
  toCreateBody,
  toUpdateBody,
  validateMetric,
} from './metric-form.js';

const t = i18n.t;

describe('metric form', () => {
  it('sends only what changed, with the row version', () => {
    const m = metric();
    const values = { ...fromMetric(m), unit: ' Stück ', itOwnerId: 'u-david' };
    expect(toUpdateBody(values, m)).toEqual({ version: 3, unit: 'Stück', itOwnerId: 'u-david' });
  });

  it('knows when saving makes a new version', () => {
    const m = metric();
    expect(changesDefinition(fromMetric(m), m)).toBe(false);
    expect(changesDefinition({ ...fromMetric(m), businessOwnerId: 'u-other' }, m)).toBe(false);
    expect(changesDefinition({ ...fromMetric(m), maxValue: 100 }, m)).toBe(true);
    expect(changesDefinition({ ...fromMetric(m), minValue: '' }, m)).toBe(true);
  });

  it('turns empty limits into "no limit"', () => {
    const body = toCreateBody({
      ...emptyMetricValues({ businessOwnerId: 'a', itOwnerId: 'b' }),
      name: 'x',
    });
    expect(body.minValue).toBeNull();
    expect(body.maxValue).toBeNull();
    expect(body.timeZone).toBe('Europe/Berlin');
  });

  it('explains missing fields, owners and a range upside down', () => {
    const errors = validateMetric(
      {
        ...emptyMetricValues({ businessOwnerId: null, itOwnerId: 'b' }),
        minValue: 10,
        maxValue: 5,
      },
      t,
    );
    expect(errors.name).toBe('Please fill in this field.');
    expect(errors.unit).toBe('Please fill in this field.');
    expect(errors.businessOwnerId).toBe('Please choose one.');
    expect(errors.itOwnerId).toBeUndefined();
    expect(errors.maxValue).toBe('The largest value must not be below the smallest.');
  });

  it('wants whole-number limits for whole-number metrics', () => {
    const values = { ...fromMetric(metric()), minValue: 0.5 };
    expect(validateMetric(values, t).minValue).toBe('Please enter a whole number.');
    expect(validateMetric({ ...values, valueType: 'decimal' }, t).minValue).toBeUndefined();
  });

  it('accepts a complete definition', () => {
    expect(validateMetric(fromMetric(metric()), t)).toEqual({});
  });
});
