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
import type { HandoffHealthFacts } from './types.js';

const withHandoff = (over: Partial<HandoffHealthFacts>) => ({
  ...healthyPilot(),
  handoffs: [handoff({ id: 'handoff-2', ...over })],
});
const submitted = { state: 'submitted' as const, closedAt: null, dueDate: daysAgo(-5) };

describe('handoffs: the receiver’s answer is overdue', () => {
  // From 1 day 25 points, from 7 days 55 points; due dates are UTC days.
  it.each([
    [0, []],
    [1, [['handoffs.answer_overdue', 25]]],
    [2, [['handoffs.answer_overdue', 25]]],
    [6, [['handoffs.answer_overdue', 25]]],
    [7, [['handoffs.answer_overdue', 55]]],
    [8, [['handoffs.answer_overdue', 55]]],
  ])('due %i days ago → %j', (days, expected) => {
    const result = healthAt(withHandoff({ ...submitted, dueDate: daysAgo(days) }));
    expect(deductions(result, 'handoffs')).toEqual(expected);
  });

  it.each(['draft', 'returned', 'accepted', 'withdrawn'] as const)(
    'a %s handoff waits for no answer',
    (state) => {
      const result = healthAt(withHandoff({ state, dueDate: daysAgo(20), closedAt: null }));
      expect(deductions(result, 'handoffs')).toEqual([]);
    },
  );

  it('names the handoff, its stages and the side that owes the answer', () => {
    const reason = reasonOf(
      healthAt(withHandoff({ ...submitted, dueDate: daysAgo(9) })),
      'handoffs.answer_overdue',
    );
    expect(reason.params).toEqual({
      handoff: 'Specification v1.2',
      from: { de: 'Spezifikation', en: 'Specification' },
      to: { de: 'Umsetzung', en: 'Build' },
      days: 9,
      dueDate: daysAgo(9),
      waitingFor: 'it',
    });
    expect(reason.link).toEqual({ kind: 'handoff', handoffId: 'handoff-2' });
  });
});

describe('handoffs: returned more than once', () => {
  // From 2 returns 25 points, from 3 returns 55 points.
  it.each([
    [0, []],
    [1, []],
    [2, [['handoffs.returned_repeatedly', 25]]],
    [3, [['handoffs.returned_repeatedly', 55]]],
    [4, [['handoffs.returned_repeatedly', 55]]],
  ])('returned %i times, open → %j', (returns, expected) => {
    const result = healthAt(withHandoff({ ...submitted, returns }));
    expect(deductions(result, 'handoffs')).toEqual(expected);
  });

  it.each([
    // Accepted handoffs keep their rework visible for 30 days.
    [29, [['handoffs.returned_repeatedly', 25]]],
    [30, []],
  ])('accepted %i days ago after two returns → %j', (days, expected) => {
    const result = healthAt(
      withHandoff({ state: 'accepted', returns: 2, closedAt: instantDaysAgo(days) }),
    );
    expect(deductions(result, 'handoffs')).toEqual(expected);
  });

  it('forgets withdrawn handoffs', () => {
    const result = healthAt(
      withHandoff({ state: 'withdrawn', returns: 3, closedAt: instantDaysAgo(1) }),
    );
    expect(deductions(result, 'handoffs')).toEqual([]);
  });
});

describe('handoffs: clarification questions open for days', () => {
  const question = (id: string, days: number, askedBy: 'sender' | 'receiver' = 'receiver') => ({
    id,
    askedAt: instantDaysAgo(days),
    askedBy,
  });

  // From 3 days 10 points, from 7 days 25 points (the oldest question decides).
  it.each([
    [2, []],
    [3, [['handoffs.question_open', 10]]],
    [4, [['handoffs.question_open', 10]]],
    [6, [['handoffs.question_open', 10]]],
    [7, [['handoffs.question_open', 25]]],
    [8, [['handoffs.question_open', 25]]],
  ])('oldest open %i days → %j', (days, expected) => {
    const result = healthAt(withHandoff({ ...submitted, openQuestions: [question('q1', days)] }));
    expect(deductions(result, 'handoffs')).toEqual(expected);
  });

  it('counts the questions past the threshold and says who owes the answer', () => {
    const result = healthAt(
      withHandoff({
        ...submitted,
        openQuestions: [question('q1', 1), question('q2', 5, 'sender'), question('q3', 4)],
      }),
    );
    const reason = reasonOf(result, 'handoffs.question_open');
    // q2 is the oldest; the sender asked it, so the receiver (IT) owes the answer.
    expect(reason.params).toMatchObject({ count: 2, days: 5, waitingFor: 'it' });
    expect(reason.link).toEqual({ kind: 'handoff', handoffId: 'handoff-2', questionId: 'q2' });
    const fromReceiver = healthAt(
      withHandoff({ ...submitted, openQuestions: [question('q1', 5, 'receiver')] }),
    );
    expect(reasonOf(fromReceiver, 'handoffs.question_open').params.waitingFor).toBe('business');
  });

  it('applies while returned too, but not after acceptance', () => {
    const open = [question('q1', 10)];
    expect(
      deductions(
        healthAt(withHandoff({ state: 'returned', closedAt: null, openQuestions: open })),
        'handoffs',
      ),
    ).toEqual([['handoffs.question_open', 25]]);
    expect(
      deductions(healthAt(withHandoff({ state: 'accepted', openQuestions: open })), 'handoffs'),
    ).toEqual([]);
  });
});

describe('handoffs: several problems on several handoffs add up', () => {
  it('deducts each reason', () => {
    const inputs = healthyPilot();
    const result = healthAt({
      ...inputs,
      handoffs: [
        handoff({ id: 'a', ...submitted, dueDate: daysAgo(2), returns: 2 }),
        handoff({ id: 'b', state: 'returned', closedAt: null, returns: 2 }),
      ],
    });
    expect(deductions(result, 'handoffs')).toEqual([
      ['handoffs.answer_overdue', 25],
      ['handoffs.returned_repeatedly', 25],
      ['handoffs.returned_repeatedly', 25],
    ]);
    expect(result.pillars.handoffs.score).toBe(25);
    expect(result.pillars.handoffs.ampel).toBe('red');
  });

  it('a handoff returned twice turns the pillar amber', () => {
    const result = healthAt(withHandoff({ ...submitted, returns: 2 }));
    expect(result.pillars.handoffs).toMatchObject({ ampel: 'amber', score: 75 });
  });
});
