/**
 * Turns domain events into notifications: who needs to know, of what kind. A transactional
 * subscriber (its writes commit with the delivery: exactly once), idempotent by event id
 * besides (unique per event, person and kind), so an event delivered again by an admin's
 * retry never notifies twice. Registered in src/server/reactions.ts.
 */
import type { NotificationKind } from '../../../domain/conversation.js';
import { answersForGoal } from '../../../domain/goals.js';
import { SIDES, type Side } from '../../../domain/sides.js';
import type { DbOrTrx } from '../../db/connect.js';
import type { DomainEvent, TransactionalSubscriber } from '../../events/registry.js';
import {
  createNotifications,
  type NotificationDraft,
  notifyAbout,
} from './notifications.repository.js';

type Payload = { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };

const payload = (event: DomainEvent): Payload => (event.data ?? {}) as Payload;
const ids = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const present = (list: (string | null | undefined)[]): string[] =>
  list.filter((x): x is string => typeof x === 'string' && x !== '');

type Draft = Omit<NotificationDraft, 'eventId' | 'actorId'>;

async function commentDrafts(trx: DbOrTrx, event: DomainEvent): Promise<Draft[]> {
  const { before, after } = payload(event);
  if (!after || event.initiativeId === null) return [];
  const earlier = new Set(ids(before?.mentions));
  const mentioned = ids(after.mentions).filter((id) => !earlier.has(id));
  if (mentioned.length === 0) return [];
  const comment = await trx
    .selectFrom('comments')
    .select(['subject_type', 'subject_id', 'body', 'deleted_at'])
    .where('id', '=', event.entityId)
    .executeTakeFirst();
  if (!comment || comment.deleted_at) return [];
  const title = typeof after.title === 'string' ? after.title : '';
  const subject = {
    type: comment.subject_type,
    id: comment.subject_id,
    initiativeId: event.initiativeId,
    title,
    anchor: `#comment-${event.entityId}`,
  };
  return notifyAbout(mentioned, 'mention', subject, comment.body.slice(0, 500));
}

async function handoffDrafts(trx: DbOrTrx, event: DomainEvent): Promise<Draft[]> {
  const h = await trx
    .selectFrom('handoffs')
    .select([
      'id',
      'initiative_id',
      'title',
      'sender_id',
      'sender_deputy_id',
      'receiver_id',
      'receiver_deputy_id',
      'state',
    ])
    .where('id', '=', event.entityId)
    .executeTakeFirst();
  if (!h) return [];
  const senders = present([h.sender_id, h.sender_deputy_id]);
  const receivers = present([h.receiver_id, h.receiver_deputy_id]);
  let kind: NotificationKind;
  let people: string[];
  let excerpt: string | null = null;
  const { after } = payload(event);
  switch (event.type) {
    // Only what still waits: a handoff accepted or returned meanwhile needs no one.
    case 'handoff.submitted':
    case 'handoff.resubmitted':
      if (h.state !== 'submitted') return [];
      kind = 'handoff_to_receive';
      people = receivers;
      break;
    case 'handoff.returned':
      if (h.state !== 'returned') return [];
      kind = 'handoff_to_resubmit';
      people = senders;
      excerpt = typeof after?.reason === 'string' ? after.reason : null;
      break;
    case 'handoff.question_asked': {
      kind = 'question_to_you';
      const q = await trx
        .selectFrom('handoff_questions')
        .select(['asked_by_party', 'text', 'answered_at', 'withdrawn_at'])
        .where('id', '=', typeof after?.questionId === 'string' ? after.questionId : '')
        .executeTakeFirst();
      if (!q || q.answered_at || q.withdrawn_at) return [];
      people = q.asked_by_party === 'sender' ? receivers : senders;
      excerpt = q.text;
      break;
    }
    default:
      return [];
  }
  const subject = {
    type: 'handoff' as const,
    id: h.id,
    initiativeId: h.initiative_id,
    title: h.title,
  };
  return notifyAbout(people, kind, subject, excerpt);
}

/** The sides whose signature on the current version is missing. */
async function waitingSides(
  trx: DbOrTrx,
  type: 'goal' | 'metric',
  id: string,
  version: number,
): Promise<Side[]> {
  const signed = await trx
    .selectFrom('agreement_signatures')
    .select('side')
    .where('subject_type', '=', type)
    .where('subject_id', '=', id)
    .where('version', '=', version)
    .execute();
  const sides = new Set(signed.map((s) => s.side));
  return SIDES.filter((s) => !sides.has(s));
}

/** A goal with who answers for it: its responsible people and the initiative's owners. */
const loadGoal = (trx: DbOrTrx, goalId: string) =>
  trx
    .selectFrom('goals as g')
    .innerJoin('initiatives as i', 'i.id', 'g.initiative_id')
    .select([
      'g.id',
      'g.initiative_id',
      'g.statement',
      'g.status',
      'g.agreement_version',
      'g.business_responsible_id',
      'g.it_responsible_id',
      'i.business_owner_id',
      'i.it_owner_id',
    ])
    .where('g.id', '=', goalId)
    .executeTakeFirst();

const goalSubject = (g: { id: string; initiative_id: string; statement: string }) => ({
  type: 'goal' as const,
  id: g.id,
  initiativeId: g.initiative_id,
  title: g.statement,
});

async function signatureDrafts(trx: DbOrTrx, event: DomainEvent): Promise<Draft[]> {
  if (event.entityType === 'goal') {
    const g = await loadGoal(trx, event.entityId);
    if (!g || g.status !== 'proposed') return [];
    const waiting = await waitingSides(trx, 'goal', g.id, g.agreement_version);
    const people = waiting.map((side) => answersForGoal(g, side));
    return notifyAbout(people, 'signature_awaited', goalSubject(g));
  }
  const m = await trx
    .selectFrom('metrics')
    .select([
      'id',
      'initiative_id',
      'name',
      'definition_version',
      'business_owner_id',
      'it_owner_id',
    ])
    .where('id', '=', event.entityId)
    .executeTakeFirst();
  if (!m) return [];
  const waiting = await waitingSides(trx, 'metric', m.id, m.definition_version);
  const people = waiting.map((side) => (side === 'business' ? m.business_owner_id : m.it_owner_id));
  const subject = {
    type: 'metric' as const,
    id: m.id,
    initiativeId: m.initiative_id,
    title: m.name,
  };
  return notifyAbout(people, 'signature_awaited', subject);
}

async function achievedDrafts(trx: DbOrTrx, event: DomainEvent): Promise<Draft[]> {
  const g = await loadGoal(trx, event.entityId);
  if (!g) return [];
  const people = present([
    g.business_responsible_id,
    g.it_responsible_id,
    g.business_owner_id,
    g.it_owner_id,
  ]);
  return notifyAbout(people, 'goal_achieved', goalSubject(g));
}

const EVENTS = [
  'comment.created',
  'comment.edited',
  'handoff.submitted',
  'handoff.resubmitted',
  'handoff.returned',
  'handoff.question_asked',
  'goal.proposed',
  'goal.signed',
  'goal.achieved',
  'metric.created',
  'metric.new_version',
  'metric.signed',
] as const;

async function draftsFor(trx: DbOrTrx, event: DomainEvent): Promise<Draft[]> {
  switch (event.type) {
    case 'comment.created':
    case 'comment.edited':
      return commentDrafts(trx, event);
    case 'goal.achieved':
      return achievedDrafts(trx, event);
    case 'goal.proposed':
    case 'goal.signed':
    case 'metric.created':
    case 'metric.new_version':
    case 'metric.signed':
      return signatureDrafts(trx, event);
    default:
      return event.type.startsWith('handoff.') ? handoffDrafts(trx, event) : [];
  }
}

export const notificationsSubscriber: TransactionalSubscriber = {
  name: 'notifications.inbox',
  events: EVENTS,
  async handle(event, { trx, ctx }) {
    const drafts = await draftsFor(trx, event);
    await createNotifications(
      trx,
      ctx,
      drafts.map((d) => ({ ...d, eventId: event.id, actorId: event.actorId })),
      // When it happened, not when the outbox got to it.
      new Date(event.occurredAt),
    );
  },
};
