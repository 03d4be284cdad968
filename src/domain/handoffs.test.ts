import { describe, expect, it } from 'vitest';
import {
  availableActions,
  decide,
  HANDOFF_ACTIONS,
  HANDOFF_ROLES,
  HANDOFF_STATES,
  type HandoffAction,
  type HandoffRole,
  type HandoffState,
  handoffTimings,
  type Party,
  roleIn,
  type TransitionFacts,
} from './handoffs.js';

const ROLES: readonly HandoffRole[] = HANDOFF_ROLES;
const SENDERS: HandoffRole[] = ['sender', 'sender_deputy'];
const RECEIVERS: HandoffRole[] = ['receiver', 'receiver_deputy'];
const party = (r: HandoffRole): Party | null =>
  SENDERS.includes(r) ? 'sender' : RECEIVERS.includes(r) ? 'receiver' : null;

/** The specification, written out: who may do each action, in which states, leading where. */
const ALLOWED: Record<
  HandoffAction,
  { roles: HandoffRole[]; from: Partial<Record<HandoffState, HandoffState>> }
> = {
  edit: { roles: SENDERS, from: { draft: 'draft', returned: 'returned' } },
  submit: { roles: SENDERS, from: { draft: 'submitted', returned: 'submitted' } },
  withdraw: {
    roles: SENDERS,
    from: { draft: 'withdrawn', submitted: 'withdrawn', returned: 'withdrawn' },
  },
  accept: { roles: RECEIVERS, from: { submitted: 'accepted' } },
  return: { roles: RECEIVERS, from: { submitted: 'returned' } },
  ask: {
    roles: [...SENDERS, ...RECEIVERS],
    from: { submitted: 'submitted', returned: 'returned' },
  },
  answer: {
    roles: [...SENDERS, ...RECEIVERS],
    from: { submitted: 'submitted', returned: 'returned' },
  },
  withdraw_question: {
    roles: [...SENDERS, ...RECEIVERS],
    from: { submitted: 'submitted', returned: 'returned' },
  },
};

/** Facts under which every precondition holds, so only role and state decide. */
const satisfied = (action: HandoffAction, role: HandoffRole): TransitionFacts => {
  const mine = party(role) ?? 'sender';
  const other: Party = mine === 'sender' ? 'receiver' : 'sender';
  return {
    uncheckedMandatory: 0,
    deliverables: 1,
    openQuestions: 0,
    reason: 'The data sources are missing',
    question: { askedBy: action === 'answer' ? other : mine, open: true },
  };
};

const cases = HANDOFF_STATES.flatMap((state) =>
  HANDOFF_ACTIONS.flatMap((action) =>
    ROLES.map((role) => {
      const spec = ALLOWED[action];
      const expected = !spec.roles.includes(role)
        ? 403
        : spec.from[state] === undefined
          ? 409
          : (spec.from[state] ?? 'none');
      return [state, action, role, expected] as const;
    }),
  ),
);

describe('handoff state machine: every state × action × role', () => {
  it('covers all combinations', () => {
    expect(cases).toHaveLength(5 * 8 * 6);
  });

  it.each(cases)('%s + %s by %s → %s', (state, action, role, expected) => {
    const d = decide(state, action, role, satisfied(action, role));
    if (typeof expected === 'number') {
      expect(d).toMatchObject({ ok: false, status: expected });
    } else {
      expect(d).toEqual({ ok: true, next: expected });
    }
  });
});

describe('handoff state machine: preconditions', () => {
  it.each([
    [
      'submit with an unchecked mandatory item',
      'draft',
      'submit',
      'sender',
      { uncheckedMandatory: 1, deliverables: 1 },
      [422, 'checklist_incomplete', 'checklist'],
    ],
    [
      'resubmit with failed items still unchecked',
      'returned',
      'submit',
      'sender_deputy',
      { uncheckedMandatory: 2, deliverables: 1 },
      [422, 'checklist_incomplete', 'checklist'],
    ],
    [
      'submit without deliverables',
      'draft',
      'submit',
      'sender',
      { uncheckedMandatory: 0, deliverables: 0 },
      [422, 'no_deliverables', 'deliverables'],
    ],
    [
      'accept with an open question',
      'submitted',
      'accept',
      'receiver',
      { openQuestions: 1 },
      [409, 'open_questions', undefined],
    ],
    [
      'deputy accepts with open questions',
      'submitted',
      'accept',
      'receiver_deputy',
      { openQuestions: 3 },
      [409, 'open_questions', undefined],
    ],
    [
      'return without a reason',
      'submitted',
      'return',
      'receiver',
      { reason: null },
      [422, 'reason_required', 'reason'],
    ],
    [
      'return with a blank reason',
      'submitted',
      'return',
      'receiver_deputy',
      { reason: '   ' },
      [422, 'reason_required', 'reason'],
    ],
    [
      'answer your own side’s question',
      'submitted',
      'answer',
      'receiver',
      { question: { askedBy: 'receiver', open: true } },
      [403, 'not_your_part', undefined],
    ],
    [
      'answer a question already answered',
      'submitted',
      'answer',
      'sender',
      { question: { askedBy: 'receiver', open: false } },
      [409, 'question_closed', undefined],
    ],
    [
      'answer a question that does not exist',
      'submitted',
      'answer',
      'sender',
      {},
      [409, 'no_question', undefined],
    ],
    [
      'withdraw the other side’s question',
      'returned',
      'withdraw_question',
      'sender',
      { question: { askedBy: 'receiver', open: true } },
      [403, 'not_your_part', undefined],
    ],
    [
      'withdraw a closed question',
      'submitted',
      'withdraw_question',
      'receiver_deputy',
      { question: { askedBy: 'receiver', open: false } },
      [409, 'question_closed', undefined],
    ],
    [
      'role is checked before state: a sender accepting a draft',
      'draft',
      'accept',
      'sender',
      {},
      [403, 'not_your_part', undefined],
    ],
    [
      'state is checked before preconditions: returning an accepted handoff without reason',
      'accepted',
      'return',
      'receiver',
      { reason: '' },
      [409, 'invalid_transition', undefined],
    ],
  ] as const)('%s', (_name, state, action, role, facts, [status, code, field]) => {
    const d = decide(state, action, role, facts as TransitionFacts);
    expect(d).toMatchObject({ ok: false, status, code });
    expect(d.ok ? undefined : d.field).toBe(field);
    expect(d.ok ? '' : d.message.length).toBeGreaterThan(10);
  });

  it('lets the deputies act like the people they stand in for', () => {
    expect(decide('submitted', 'accept', 'receiver_deputy', { openQuestions: 0 })).toEqual({
      ok: true,
      next: 'accepted',
    });
    expect(decide('draft', 'submit', 'sender_deputy', { deliverables: 2 })).toEqual({
      ok: true,
      next: 'submitted',
    });
  });
});

describe('roleIn', () => {
  const h = { senderId: 's', senderDeputyId: 'sd', receiverId: 'r', receiverDeputyId: null };
  it.each([
    ['s', 'member', 'contributor', 'sender'],
    ['sd', 'member', 'deputy', 'sender_deputy'],
    ['r', 'member', 'owner', 'receiver'],
    ['x', 'member', 'contributor', 'member'],
    ['x', 'viewer', undefined, 'member'],
    ['x', 'admin', undefined, 'admin'],
    ['r', 'admin', 'contributor', 'receiver'],
    // Taken off the team, made an observer or a viewer: no longer a party.
    ['r', 'member', undefined, 'member'],
    ['r', 'member', 'observer', 'member'],
    ['s', 'viewer', 'contributor', 'member'],
    ['r', 'admin', undefined, 'admin'],
  ] as const)('%s (%s, %s on the team) is %s', (id, role, memberRole, expected) => {
    expect(roleIn(h, { id, role, memberRole })).toBe(expected);
  });
});

describe('availableActions', () => {
  it.each([
    ['draft', 'sender', {}, ['edit', 'submit', 'withdraw']],
    ['submitted', 'sender', {}, ['withdraw', 'ask']],
    ['submitted', 'receiver', {}, ['accept', 'return', 'ask']],
    ['submitted', 'receiver_deputy', { openQuestions: 1 }, ['return', 'ask']],
    ['returned', 'sender_deputy', {}, ['edit', 'submit', 'withdraw', 'ask']],
    ['submitted', 'member', {}, []],
    ['submitted', 'admin', {}, []],
    ['accepted', 'receiver', {}, []],
  ] as const)('%s for %s', (state, role, facts, expected) => {
    expect(availableActions(state, role, { deliverables: 1, ...facts }).actions).toEqual(expected);
  });

  it('offers only what will succeed; what is blocked comes with its reason', () => {
    expect(availableActions('submitted', 'receiver', { openQuestions: 2 })).toEqual({
      actions: ['return', 'ask'],
      blocked: [
        {
          action: 'accept',
          code: 'open_questions',
          reason: expect.stringMatching(/2 clarification/),
        },
      ],
    });
    expect(availableActions('draft', 'sender', { deliverables: 0 })).toEqual({
      actions: ['edit', 'withdraw'],
      blocked: [{ action: 'submit', code: 'no_deliverables', reason: expect.any(String) }],
    });
    expect(
      availableActions('returned', 'sender', { deliverables: 1, uncheckedMandatory: 3 }).blocked,
    ).toEqual([{ action: 'submit', code: 'checklist_incomplete', reason: expect.any(String) }]);
    // Someone else's part or another state is no blocked action: simply not offered.
    expect(availableActions('submitted', 'sender', { openQuestions: 1 }).blocked).toEqual([]);
  });
});

describe('handoffTimings', () => {
  const now = new Date('2026-11-20T12:00:00.000Z');
  const today = '2026-11-20';

  it('is empty for a draft', () => {
    expect(handoffTimings({ state: 'draft', dueDate: '2026-11-30' }, [], [], now, today)).toEqual({
      submittedAt: null,
      firstResponseAt: null,
      acceptedAt: null,
      leadTimeMs: null,
      returns: 0,
      openQuestions: 0,
      oldestOpenQuestionMs: null,
      overdue: false,
      overdueDays: 0,
    });
  });

  it('measures a handoff returned once, then accepted', () => {
    const t = handoffTimings(
      { state: 'accepted', dueDate: '2026-11-10' },
      [
        { type: 'submitted', at: '2026-11-01T08:00:00.000Z' },
        { type: 'returned', at: '2026-11-03T08:00:00.000Z' },
        { type: 'submitted', at: '2026-11-05T08:00:00.000Z' },
        { type: 'accepted', at: '2026-11-06T08:00:00.000Z' },
      ],
      [
        {
          askedBy: 'receiver',
          askedAt: '2026-11-02T08:00:00.000Z',
          closedAt: '2026-11-02T10:00:00.000Z',
          answeredAt: '2026-11-02T10:00:00.000Z',
        },
      ],
      now,
      today,
    );
    expect(t).toEqual({
      submittedAt: '2026-11-01T08:00:00.000Z',
      firstResponseAt: '2026-11-02T08:00:00.000Z', // the question was the first reaction
      acceptedAt: '2026-11-06T08:00:00.000Z',
      leadTimeMs: 5 * 86_400_000,
      returns: 1,
      openQuestions: 0,
      oldestOpenQuestionMs: null,
      overdue: false, // accepted: past the due date no longer matters
      overdueDays: 0,
    });
  });

  it('counts open questions and their age, and runs the lead time until now', () => {
    const t = handoffTimings(
      { state: 'submitted', dueDate: '2026-11-25' },
      [{ type: 'submitted', at: '2026-11-18T12:00:00.000Z' }],
      [
        {
          askedBy: 'receiver',
          askedAt: '2026-11-19T12:00:00.000Z',
          closedAt: null,
          answeredAt: null,
        },
        {
          askedBy: 'sender',
          askedAt: '2026-11-20T06:00:00.000Z',
          closedAt: null,
          answeredAt: null,
        },
      ],
      now,
      today,
    );
    expect(t).toMatchObject({
      firstResponseAt: '2026-11-19T12:00:00.000Z',
      leadTimeMs: 2 * 86_400_000,
      openQuestions: 2,
      oldestOpenQuestionMs: 86_400_000,
      overdue: false,
    });
  });

  it.each([
    ['due today is not overdue', 'submitted', '2026-11-20', false, 0],
    ['due yesterday, no answer', 'submitted', '2026-11-19', true, 1],
    ['due long ago, no answer', 'submitted', '2026-11-10', true, 10],
    ['returned: the ball is with the sender', 'returned', '2026-11-10', false, 0],
    ['draft: not yet handed over', 'draft', '2026-11-10', false, 0],
    ['withdrawn', 'withdrawn', '2026-11-10', false, 0],
  ] as const)('overdue: %s', (_name, state, dueDate, overdue, days) => {
    const t = handoffTimings(
      { state, dueDate },
      [{ type: 'submitted', at: '2026-11-01T00:00:00.000Z' }],
      [],
      now,
      today,
    );
    expect([t.overdue, t.overdueDays]).toEqual([overdue, days]);
  });
});
