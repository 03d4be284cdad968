import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../contracts/audit.js';
import type { Language } from '../../../contracts/common.js';
import { formatValue, personName, stageOf, stringField } from './activity-format.js';
import type { FeedAction } from './feed-actions.js';
import type { Side } from '../../../domain/sides.js';

/** What a sentence may need besides the event: the UI language and names found in lists. */
export interface SentenceContext {
  t: TFunction;
  exists: (key: string) => boolean;
  language: Language;
  /** A metric's name by id (metric events carry only the id). */
  metricName: (id: string) => string;
  /** A goal's statement or a handoff's title by id, for events that do not carry it. */
  subjectTitle: (id: string) => string;
}

type Params = Record<string, string | number>;
type ParamsOf = (event: AuditEvent, ctx: SentenceContext) => Params;

const numberField = (value: unknown, key: string): number | undefined => {
  const v = (value as Record<string, unknown> | null)?.[key];
  return typeof v === 'number' ? v : undefined;
};

/** "for Business" / "für den Fachbereich": the side with what German needs around it. */
const forSide = (value: unknown, t: TFunction): string => {
  const side = stringField(value, 'side');
  return side === 'business' || side === 'it' ? t(`activity.forSide.${side}`) : '';
};

/** "1 value" / "12 values", so a sentence never reads "1 values". */
const values = (count: number, t: TFunction): string => t('activity.values', { count });

const none: ParamsOf = () => ({});
const person: ParamsOf = (e, c) => ({ name: personName(e) || maskedPersonName(e, c.t) });

/**
 * Works-council mode, for people outside the initiative: a role stands for a person,
 * "Owner (IT)", or "Someone from IT" for people not on the team.
 */
export function roleLabel(
  r: { side: Side; role: 'owner' | 'deputy' | 'contributor' | 'observer' | 'outside' },
  t: TFunction,
): string {
  const side = t(`side.${r.side}`);
  return r.role === 'outside'
    ? t('activity.outsideActor', { side })
    : t('activity.roleActor', { role: t(`memberRole.${r.role}`), side });
}

const ROLES = ['owner', 'deputy', 'contributor', 'observer', 'outside'] as const;

/** The role that stands for the `person` of a member event, when names are withheld. */
function maskedPersonName(e: AuditEvent, t: TFunction): string {
  for (const c of [e.after, e.before]) {
    const p = typeof c === 'object' && c !== null ? (c as { person?: unknown }).person : null;
    if (typeof p !== 'object' || p === null) continue;
    const { side, role } = p as { side?: unknown; role?: unknown };
    const r = ROLES.find((x) => x === role);
    if ((side === 'business' || side === 'it') && r) return roleLabel({ side, role: r }, t);
  }
  return '';
}
const metricByEvent: ParamsOf = (e, c) => ({ name: c.metricName(e.entityId) });
const metricNamed: ParamsOf = (e, c) => ({
  name: stringField(e.after, 'name') ?? c.metricName(e.entityId),
});

/**
 * Goals, handoffs, demos and everything else: the sentence names what it is about, from the
 * event or else from the initiative's lists.
 */
const subject: ParamsOf = (e, c) => ({
  title:
    stringField(e.after, 'statement') ??
    stringField(e.before, 'statement') ??
    stringField(e.after, 'title') ??
    stringField(e.before, 'title') ??
    c.subjectTitle(e.entityId),
  forSide: forSide(e.after, c.t),
});

/**
 * The values each audit action's sentence interpolates, keyed by the action as the server
 * writes it; actions not listed here get `subject`. The sentences themselves are
 * `activity.action` in this module's messages.*.ts, keyed the same way.
 */
const PARAMS: Partial<Record<FeedAction, ParamsOf>> = {
  'initiative.created': none,
  'initiative.updated': none,
  'initiative.stage_changed': (e, c) => ({ stage: stageOf(e.after, c.language) }),
  'member.added': (e, c) => ({
    name: personName(e) || maskedPersonName(e, c.t),
    role: formatValue('role', stringField(e.after, 'role') ?? '', c.t, c.language),
  }),
  'member.removed': person,
  'member.updated': person,
  'metric.created': metricNamed,
  'metric.new_version': (e, c) => ({
    ...metricNamed(e, c),
    version: numberField(e.after, 'definitionVersion') ?? '',
  }),
  'metric.updated': metricNamed,
  'metric.signed': (e, c) => ({
    name: c.metricName(e.entityId),
    version: numberField(e.after, 'version') ?? '',
    forSide: forSide(e.after, c.t),
  }),
  'measurement.created': metricByEvent,
  'measurement.corrected': metricByEvent,
  'measurement.deleted': metricByEvent,
  'measurement.imported': (e, c) => ({
    name: c.metricName(e.entityId),
    values: values(numberField(e.after, 'stored') ?? 0, c.t),
  }),
  'measurement.pushed': (e, c) => ({
    token: stringField(e.after, 'token') ?? '',
    values: values(numberField(e.after, 'stored') ?? 0, c.t),
  }),
  'measurement.replaced': (e, c) => ({
    token: stringField(e.after, 'token') ?? '',
    name: c.metricName(e.entityId),
  }),
  'api_token.created': (e) => ({ name: stringField(e.after, 'name') ?? '' }),
  'api_token.revoked': (e) => ({ name: stringField(e.before, 'name') ?? '' }),
};

/** Stands for the actor's name while the sentence is built, so the name can be set apart. */
const ACTOR = '\uE000';

/** A sentence in pieces: plain text, and where the actor's name goes. */
export type SentencePart = { text: string } | { actor: string };

/**
 * One audit event as a whole sentence, in pieces so the page can set the actor's name in bold:
 * "Lukas Fischer signed the goal “…” for IT." Events without an actor (the system marked a
 * goal achieved, a machine pushed values) have sentences that need none; should one still
 * lack its actor, "someone" stands in.
 */
export function activitySentenceParts(event: AuditEvent, ctx: SentenceContext): SentencePart[] {
  const key = `activity.action.${event.action}`;
  const text = ctx.exists(key)
    ? // The key is checked just above; its type follows once actions are a union (AuditAction).
      ctx.t(key as 'activity.action.initiative.created', {
        ...(PARAMS[event.action as FeedAction] ?? subject)(event, ctx),
        actor: ACTOR,
      })
    : ctx.t('activity.unknownAction', { action: event.action, actor: ACTOR });
  const name =
    event.actor?.name ??
    (event.actorRole ? roleLabel(event.actorRole, ctx.t) : ctx.t('activity.someone'));
  return text
    .split(ACTOR)
    .flatMap((piece, i): SentencePart[] => [
      ...(i > 0 ? [{ actor: name }] : []),
      ...(piece ? [{ text: piece }] : []),
    ]);
}

/** The sentence as plain text (for tests, titles and screen readers). */
export function activitySentence(event: AuditEvent, ctx: SentenceContext): string {
  return activitySentenceParts(event, ctx)
    .map((p) => ('actor' in p ? p.actor : p.text))
    .join('');
}
