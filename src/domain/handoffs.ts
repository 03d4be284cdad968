/**
 * Handoffs: the one state machine every transition goes through, and the timings.
 * Pure: the facts and the time are passed in; nothing here reads a clock or a database.
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted
 *                       │   ▲
 *                 return│   │submit (resubmit)
 *                       ▼   │
 *                     returned
 *   draft | submitted | returned ──withdraw──▶ withdrawn
 *
 * Questions (ask, answer, withdraw a question) are possible while the handoff is submitted
 * or returned; open questions block acceptance.
 */
import type { MemberRole } from './access.js';
import type { OrgRole } from './people.js';

export const HANDOFF_STATES = ['draft', 'submitted', 'returned', 'accepted', 'withdrawn'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** What the UI offers as buttons: every action but those on one question. */
export const OFFERED_HANDOFF_ACTIONS = [
  'edit',
  'submit',
  'accept',
  'return',
  'withdraw',
  'ask',
] as const;
export const HANDOFF_ACTIONS = [...OFFERED_HANDOFF_ACTIONS, 'answer', 'withdraw_question'] as const;
export type HandoffAction = (typeof HANDOFF_ACTIONS)[number];

/** The actor's part in one handoff. */
export const HANDOFF_ROLES = [
  'sender',
  'sender_deputy',
  'receiver',
  'receiver_deputy',
  'member',
  'admin',
] as const;
export type HandoffRole = (typeof HANDOFF_ROLES)[number];
export const PARTIES = ['sender', 'receiver'] as const;
export type Party = (typeof PARTIES)[number];

/** What is handed over. */
export const DELIVERABLE_KINDS = [
  'specification',
  'dataset_access',
  'model_version',
  'integration_package',
  'test_result',
  'other',
] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];
/** stage: what the target stage demands; high_risk: added for high-risk initiatives. */
export const CHECKLIST_SOURCES = ['stage', 'high_risk'] as const;
export const QUESTION_STATES = ['open', 'answered', 'withdrawn'] as const;

export const partyOf = (role: HandoffRole): Party | null =>
  role === 'sender' || role === 'sender_deputy'
    ? 'sender'
    : role === 'receiver' || role === 'receiver_deputy'
      ? 'receiver'
      : null;

/**
 * Who the actor is in a handoff: deputies act for their principal; admins and others watch.
 * A named party acts only while still on the initiative's team with a writing role: taken
 * off the team, made an observer, or made a viewer, they watch like anyone else.
 */
export function roleIn(
  h: {
    senderId: string;
    senderDeputyId: string | null;
    receiverId: string;
    receiverDeputyId: string | null;
  },
  actor: {
    id: string;
    role: OrgRole;
    memberRole: MemberRole | undefined;
  },
): HandoffRole {
  const onTeam =
    actor.role !== 'viewer' && actor.memberRole !== undefined && actor.memberRole !== 'observer';
  if (onTeam) {
    if (actor.id === h.senderId) return 'sender';
    if (actor.id === h.receiverId) return 'receiver';
    if (actor.id === h.senderDeputyId) return 'sender_deputy';
    if (actor.id === h.receiverDeputyId) return 'receiver_deputy';
  }
  return actor.role === 'admin' ? 'admin' : 'member';
}

export interface TransitionFacts {
  /** Mandatory checklist items not checked (submit). */
  uncheckedMandatory?: number;
  /** Deliverables listed (submit). */
  deliverables?: number;
  /** Open clarification questions (accept). */
  openQuestions?: number;
  /** The reason given (return); blank counts as missing. */
  reason?: string | null;
  /** For answer / withdraw_question: the question's party and whether it is still open. */
  question?: { askedBy: Party; open: boolean };
}

/** Why a transition is refused. */
export const HANDOFF_REFUSALS = [
  'not_your_part',
  'invalid_transition',
  'no_deliverables',
  'checklist_incomplete',
  'open_questions',
  'reason_required',
  'no_question',
  'question_closed',
] as const;
export type HandoffRefusal = (typeof HANDOFF_REFUSALS)[number];

export type Decision =
  | { ok: true; next: HandoffState }
  | {
      ok: false;
      /** 403: not yours to do; 409: not now (state); 422: something is missing. */
      status: 403 | 409 | 422;
      code: HandoffRefusal;
      message: string;
      /** The request field at fault, when there is one. */
      field?: string;
    };

const deny = (
  status: 403 | 409 | 422,
  code: HandoffRefusal,
  message: string,
  field?: string,
): Decision => ({ ok: false, status, code, message, ...(field ? { field } : {}) });

/** Which party may do what. */
const ACTORS: Record<HandoffAction, 'sender' | 'receiver' | 'either'> = {
  edit: 'sender',
  submit: 'sender',
  withdraw: 'sender',
  accept: 'receiver',
  return: 'receiver',
  ask: 'either',
  answer: 'either',
  withdraw_question: 'either',
};

/** The states each action is possible in, and where it leads. */
const FROM: Record<HandoffAction, Partial<Record<HandoffState, HandoffState>>> = {
  edit: { draft: 'draft', returned: 'returned' },
  submit: { draft: 'submitted', returned: 'submitted' },
  accept: { submitted: 'accepted' },
  return: { submitted: 'returned' },
  withdraw: { draft: 'withdrawn', submitted: 'withdrawn', returned: 'withdrawn' },
  ask: { submitted: 'submitted', returned: 'returned' },
  answer: { submitted: 'submitted', returned: 'returned' },
  withdraw_question: { submitted: 'submitted', returned: 'returned' },
};

const WHO: Record<'sender' | 'receiver' | 'either', string> = {
  sender: 'Only the sender or the sender’s deputy',
  receiver: 'Only the receiver or the receiver’s deputy',
  either: 'Only the sender and the receiver (or their deputies)',
};

const VERB: Record<HandoffAction, string> = {
  edit: 'change this handoff',
  submit: 'submit this handoff',
  accept: 'accept this handoff',
  return: 'return this handoff',
  withdraw: 'withdraw this handoff',
  ask: 'ask a question on this handoff',
  answer: 'answer a question on this handoff',
  withdraw_question: 'withdraw a question on this handoff',
};

const STATE_WORD: Record<HandoffState, string> = {
  draft: 'still a draft',
  submitted: 'submitted and waiting for the receiver',
  returned: 'returned to the sender',
  accepted: 'accepted',
  withdrawn: 'withdrawn',
};

/** Decides one transition: who, then when, then what is missing. */
export function decide(
  state: HandoffState,
  action: HandoffAction,
  role: HandoffRole,
  facts: TransitionFacts = {},
): Decision {
  const party = partyOf(role);
  const allowed = ACTORS[action];
  if (party === null || (allowed !== 'either' && party !== allowed))
    return deny(403, 'not_your_part', `${WHO[allowed]} may ${VERB[action]}`);
  const next = FROM[action][state];
  if (next === undefined)
    return deny(
      409,
      'invalid_transition',
      `The handoff is ${STATE_WORD[state]}; you cannot ${VERB[action]} now`,
    );
  switch (action) {
    case 'submit':
      if ((facts.deliverables ?? 0) < 1)
        return deny(422, 'no_deliverables', 'Name at least one deliverable', 'deliverables');
      if ((facts.uncheckedMandatory ?? 0) > 0)
        return deny(
          422,
          'checklist_incomplete',
          `${facts.uncheckedMandatory} mandatory checklist item(s) are not checked`,
          'checklist',
        );
      break;
    case 'accept':
      if ((facts.openQuestions ?? 0) > 0)
        return deny(
          409,
          'open_questions',
          `${facts.openQuestions} clarification question(s) are still open; they must be answered or withdrawn first`,
        );
      break;
    case 'return':
      if (!facts.reason?.trim())
        return deny(422, 'reason_required', 'Say why you return the handoff', 'reason');
      break;
    case 'answer':
    case 'withdraw_question': {
      const q = facts.question;
      if (!q) return deny(409, 'no_question', 'There is no such question');
      if (!q.open)
        return deny(409, 'question_closed', 'The question has been answered or withdrawn');
      if (action === 'answer' && q.askedBy === party)
        return deny(403, 'not_your_part', 'The other side answers this question');
      if (action === 'withdraw_question' && q.askedBy !== party)
        return deny(403, 'not_your_part', 'Only the side that asked may withdraw the question');
      break;
    }
    default:
      break;
  }
  return { ok: true, next };
}

export type OfferedHandoffAction = (typeof OFFERED_HANDOFF_ACTIONS)[number];

/** An action the actor's part allows in this state that would still be refused, and why. */
export interface BlockedAction {
  action: OfferedHandoffAction;
  code: HandoffRefusal;
  reason: string;
}

/**
 * What the actor may do now, given the facts that apply: `actions` are only those that will
 * succeed; `blocked` are the actions their part allows in this state that something still
 * stands in the way of (submitting without deliverables or with unchecked items, accepting while
 * a question is open), with the reason, so a client shows them disabled and says why.
 */
export function availableActions(
  state: HandoffState,
  role: HandoffRole,
  facts: Pick<TransitionFacts, 'uncheckedMandatory' | 'deliverables' | 'openQuestions'>,
): { actions: OfferedHandoffAction[]; blocked: BlockedAction[] } {
  const actions: OfferedHandoffAction[] = [];
  const blocked: BlockedAction[] = [];
  for (const a of OFFERED_HANDOFF_ACTIONS) {
    // The reason to return is asked for in the dialog: not a fact of the handoff.
    const d = decide(state, a, role, { ...facts, reason: 'x' });
    if (d.ok) actions.push(a);
    else if (d.code !== 'not_your_part' && d.code !== 'invalid_transition')
      blocked.push({ action: a, code: d.code, reason: d.message });
  }
  return { actions, blocked };
}

// ───────────────────────────── timings ─────────────────────────────

export const HANDOFF_EVENT_TYPES = ['submitted', 'returned', 'accepted', 'withdrawn'] as const;
export type HandoffEventType = (typeof HANDOFF_EVENT_TYPES)[number];

export interface TimingEvent {
  type: HandoffEventType;
  at: string;
}
export interface TimingQuestion {
  askedBy: Party;
  askedAt: string;
  /** answered or withdrawn */
  closedAt: string | null;
  answeredAt: string | null;
}

export interface HandoffTimings {
  submittedAt: string | null;
  /** The receiver's first reaction after the first submission: a question, a return or acceptance. */
  firstResponseAt: string | null;
  acceptedAt: string | null;
  /** From the first submission to acceptance, or to now while still open; null before submission. */
  leadTimeMs: number | null;
  /** How often it was returned (rework). */
  returns: number;
  openQuestions: number;
  /** Age of the oldest open question. */
  oldestOpenQuestionMs: number | null;
  /** The due date passed while it waited for the receiver's answer. */
  overdue: boolean;
  /** Days past the due date (0 when not overdue). */
  overdueDays: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/**
 * Timings from the handoff's events and questions. `today` is the calendar day (YYYY-MM-DD)
 * the due date is compared with; the due date itself is the last day to answer.
 */
export function handoffTimings(
  h: { state: HandoffState; dueDate: string | null },
  events: readonly TimingEvent[],
  questions: readonly TimingQuestion[],
  now: Date,
  today: string,
): HandoffTimings {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  const submittedAt = sorted.find((e) => e.type === 'submitted')?.at ?? null;
  const acceptedAt = sorted.find((e) => e.type === 'accepted')?.at ?? null;
  const reactions = [
    ...sorted.filter((e) => e.type === 'returned' || e.type === 'accepted').map((e) => e.at),
    ...questions.filter((q) => q.askedBy === 'receiver').map((q) => q.askedAt),
    ...questions
      .filter((q) => q.askedBy === 'sender' && q.answeredAt !== null)
      .map((q) => q.answeredAt ?? ''),
  ]
    .filter((at) => submittedAt !== null && at >= submittedAt)
    .sort();
  const end = acceptedAt ?? (h.state === 'withdrawn' ? null : now.toISOString());
  const leadTimeMs =
    submittedAt && end ? Math.max(0, Date.parse(end) - Date.parse(submittedAt)) : null;
  const open = questions.filter((q) => q.closedAt === null);
  const oldest = open.map((q) => q.askedAt).sort()[0];
  const overdueDays =
    h.state === 'submitted' && h.dueDate !== null
      ? Math.max(0, dayNumber(today) - dayNumber(h.dueDate))
      : 0;
  return {
    submittedAt,
    firstResponseAt: reactions[0] ?? null,
    acceptedAt,
    leadTimeMs,
    returns: sorted.filter((e) => e.type === 'returned').length,
    openQuestions: open.length,
    oldestOpenQuestionMs:
      oldest === undefined ? null : Math.max(0, now.getTime() - Date.parse(oldest)),
    overdue: overdueDays > 0,
    overdueDays,
  };
}
