import { z } from 'zod';
import { AGREEMENT_SUBJECTS } from '../domain/agreement.js';
import { GOAL_OUTCOMES } from '../domain/goals.js';
import { PILLARS } from '../domain/health.js';
import { MEMBER_ROLES } from '../domain/access.js';
import { PersonRef, Side, Timestamp } from './common.js';

/** How a demo occurrence leaves the plan or moves in it (`demo.moved`, …). */
export const OCCURRENCE_CHANGES = ['moved', 'skipped', 'cancelled'] as const;
export type OccurrenceChange = (typeof OCCURRENCE_CHANGES)[number];

/**
 * Every action the audit trail records, `<entity>.<what happened>`. The server writes only
 * these (appendAudit takes this type); clients label each one, so a new action here is a
 * compile error where a translation is missing.
 */
export const AUDIT_ACTIONS = [
  'user.created',
  'user.invited',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.password_set',
  'user.password_reset_requested',
  'user.password_reset',
  'user.profile_updated',
  'user.token_created',
  'user.token_revoked',
  'user.sessions_ended',
  'user.sso_link_allowed',
  'user.sso_linked',
  'user.erased',
  'stage.created',
  'stage.updated',
  'stage.reordered',
  'stage.deleted',
  'setting.high_risk_checklist_changed',
  'setting.health_thresholds_changed',
  'setting.works_council_changed',
  'setting.retention_changed',
  'initiative.created',
  'initiative.updated',
  'initiative.stage_changed',
  'member.added',
  'member.updated',
  'member.removed',
  ...AGREEMENT_SUBJECTS.map((subject) => `${subject}.signed` as const),
  'metric.created',
  'metric.updated',
  'metric.new_version',
  'measurement.created',
  'measurement.corrected',
  'measurement.deleted',
  'measurement.imported',
  'measurement.pushed',
  'measurement.replaced',
  'api_token.created',
  'api_token.revoked',
  'goal.created',
  'goal.updated',
  'goal.new_version',
  'goal.proposed',
  'goal.agreed',
  'goal.achieved',
  ...GOAL_OUTCOMES.map((outcome) => `goal.${outcome}` as const),
  'handoff.created',
  'handoff.updated',
  'handoff.submitted',
  'handoff.resubmitted',
  'handoff.accepted',
  'handoff.returned',
  'handoff.withdrawn',
  'handoff.question_asked',
  'handoff.question_answered',
  'handoff.question_withdrawn',
  'demo_cadence.created',
  'demo_cadence.updated',
  ...OCCURRENCE_CHANGES.map((change) => `demo.${change}` as const),
  'demo.held',
  'demo_feedback.created',
  'demo_action.created',
  'demo_action.updated',
  'calendar_feed.created',
  'calendar_feed.revoked',
  'weekly_update.written',
  'weekly_update.replaced',
  'comment.created',
  'comment.edited',
  'comment.deleted',
  'channel.created',
  'channel.updated',
  'channel.deleted',
  'setting.channel_targets_changed',
  // The trail itself and the event mechanism
  'audit.redacted',
  'event_delivery.retried',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry of the append-only audit trail. */
export const AuditEvent = z
  .object({
    id: z.string(),
    occurredAt: Timestamp,
    actor: PersonRef.nullable(),
    entityType: z.string(),
    entityId: z.string(),
    /** One of AUDIT_ACTIONS; events written by older versions may carry others. */
    action: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    /**
     * Works-council mode, for people outside the initiative: the actor's role instead of the
     * actor (who is then null) — "an IT owner", "a business contributor".
     */
    actorRole: z
      .object({ side: Side, role: z.enum([...MEMBER_ROLES, 'outside']) })
      .nullable()
      .optional(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/** The parts of an initiative its activity can be narrowed to. */
export const ActivityPillar = z.enum([...PILLARS, 'initiative']);
export type ActivityPillar = z.infer<typeof ActivityPillar>;

export const ActivityQuery = z.object({
  /** Return events older than this event id (paging). */
  before: z.string().optional(),
  /** Only this pillar's events; `initiative` is the initiative itself and its team. */
  pillar: ActivityPillar.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
