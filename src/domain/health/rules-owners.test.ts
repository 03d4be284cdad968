import { describe, expect, it } from 'vitest';
import {
  daysAgo,
  deductions,
  handoff,
  healthAt,
  healthyPilot,
  instantDaysAgo,
  reasonOf,
} from './test-support/facts.js';
import type { HealthInputs, OwnerUpdateFacts, OwnerView } from './types.js';

const withUpdates = (
  business: OwnerUpdateFacts | null,
  it: OwnerUpdateFacts | null,
  base: HealthInputs = healthyPilot(),
): HealthInputs => ({ ...base, ownerUpdates: { business, it } });
const update = (view: OwnerView, days = 2): OwnerUpdateFacts => ({
  view,
  writtenAt: instantDaysAgo(days),
});

/** A pilot whose handoffs are red (score 45): an open handoff returned three times. */
const redPilot = (): HealthInputs => ({
  ...healthyPilot(),
  handoffs: [
    handoff({ id: 'a', state: 'submitted', closedAt: null, dueDate: daysAgo(-3), returns: 3 }),
  ],
});

describe('owners: weekly update missing or outdated', () => {
  it.each([
    [9, []],
    [10, [['owners.update_stale', 10]]],
    [11, [['owners.update_stale', 10]]],
  ])('IT’s update written %i days ago → %j', (days, expected) => {
    const result = healthAt(withUpdates(update('on_track'), update('on_track', days)));
    expect(deductions(result, 'owners')).toEqual(expected);
  });

  it.each([
    // A new initiative has until the staleness threshold before the first update is missed.
    [9, []],
    [10, [['owners.update_missing', 15]]],
  ])('no update from the business side, initiative %i days old → %j', (days, expected) => {
    const inputs = { ...healthyPilot(), createdAt: instantDaysAgo(days) };
    const result = healthAt(withUpdates(null, update('on_track'), inputs));
    expect(deductions(result, 'owners')).toEqual(expected);
  });

  it('names the side, the age and the day of the update', () => {
    const result = healthAt(
      withUpdates(update('on_track'), { view: 'at_risk', writtenAt: '2026-11-28T16:00:00Z' }),
    );
    const reason = reasonOf(result, 'owners.update_stale');
    expect(reason.params).toEqual({ side: 'it', days: 12, writtenDay: '2026-11-28' });
    expect(reason.link).toEqual({ kind: 'weeklyUpdate', side: 'it' });
  });
});

describe('owners: the two sides disagree', () => {
  it.each([
    ['on_track', 'on_track', []],
    ['on_track', 'at_risk', [['owners.disagree', 10]]],
    ['at_risk', 'off_track', [['owners.disagree', 10]]],
    ['on_track', 'off_track', [['owners.disagree', 25]]],
  ] as const)('business %s, IT %s → %j', (business, it, expected) => {
    // The data is amber here, so neither view contradicts it by two steps.
    const inputs = withUpdates(update(business), update(it), {
      ...healthyPilot(),
      handoffs: [handoff({ state: 'submitted', closedAt: null, dueDate: daysAgo(2) })],
    });
    expect(deductions(healthAt(inputs), 'owners')).toEqual(expected);
  });

  it('does not compare with an outdated update', () => {
    const result = healthAt(withUpdates(update('on_track'), update('off_track', 12)));
    expect(deductions(result, 'owners')).toEqual([['owners.update_stale', 10]]);
  });
});

describe('owners: the view contradicts the computed health', () => {
  it('both say on track while the data is red: a reason per side', () => {
    const result = healthAt(withUpdates(update('on_track'), update('on_track'), redPilot()));
    expect(result.pillars.handoffs.ampel).toBe('red');
    expect(result.owners.reasons.map((r) => [r.code, r.deduction, r.params])).toEqual([
      ['owners.contradict_health', 25, { side: 'business', view: 'on_track', ampel: 'red' }],
      ['owners.contradict_health', 25, { side: 'it', view: 'on_track', ampel: 'red' }],
    ]);
  });

  it('an owner says off track while everything is green', () => {
    const result = healthAt(withUpdates(update('off_track'), update('off_track')));
    expect(deductions(result, 'owners')).toEqual([
      ['owners.contradict_health', 25],
      ['owners.contradict_health', 25],
    ]);
    expect(result.owners.ampel).toBe('amber');
    expect(result.overall).toMatchObject({ ampel: 'amber', weakest: ['owners'] });
  });

  it.each([
    ['at_risk', 0],
    ['off_track', 25],
  ] as const)(
    'one step is no contradiction by default: %s with green data → %i',
    (view, points) => {
      const result = healthAt(withUpdates(update(view), update(view)));
      const contradictions = result.owners.reasons.filter(
        (r) => r.code === 'owners.contradict_health',
      );
      expect(contradictions.reduce((s, r) => s + r.deduction, 0)).toBe(points * 2);
    },
  );

  it('with the gap set to one step, at risk against green contradicts', () => {
    const result = healthAt(withUpdates(update('at_risk'), update('on_track')), {
      owners: { contradictionMinSteps: 1 },
    });
    expect(deductions(result, 'owners')).toEqual([
      ['owners.contradict_health', 25],
      ['owners.disagree', 10],
    ]);
  });

  it('compares with the weakest pillar, not with the owners’ own area', () => {
    // Outdated updates alone make the owners' area amber; the data stays green, so an
    // on-track view is no contradiction.
    const result = healthAt(
      withUpdates(update('on_track'), null, { ...healthyPilot(), createdAt: instantDaysAgo(400) }),
      { owners: { updateMissingDeduction: 40 } },
    );
    expect(deductions(result, 'owners')).toEqual([['owners.update_missing', 40]]);
  });
});
