/**
 * Kysely table types. Column names are snake_case in SQL; rows are mapped to
 * camelCase contracts by each module's presenter. Timestamps are ISO-8601 UTC
 * text (sortable as strings on both databases); booleans are 0/1 integers;
 * JSON is text parsed in the app.
 */

import type { DeliveryStatus, ScheduledJob } from '../../contracts/events.js';
import type { MemberRole, Visibility } from '../../domain/access.js';
import type { PersonalTokenAccess } from '../../domain/account-security.js';
import type { AgreementSubject } from '../../domain/agreement.js';
import type {
  ActionStatus,
  CadenceInterval,
  FeedbackKind,
  OccurrenceState,
} from '../../domain/cadence.js';
import type {
  CommentSubject,
  EmailState,
  NotificationChannel,
  NotificationKind,
} from '../../domain/conversation.js';
import type { Direction, GoalStatus } from '../../domain/goals.js';
import type { Ampel, OwnerView } from '../../domain/health.js';
import type { HandoffEventType, HandoffState, Party } from '../../domain/handoffs.js';
import type { InitiativeStatus } from '../../domain/initiatives.js';
import type { ValueType } from '../../domain/csv-cells.js';
import type { ChannelDeliveryStatus, ChannelKind } from '../../domain/channels.js';
import type { Language, OrgRole } from '../../domain/people.js';
import type { Aggregation, Period } from '../../domain/periods.js';
import type { RiskClass } from '../../domain/risk.js';
import type { OwningSide, Side } from '../../domain/sides.js';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  language: Language;
  department: string | null;
  side: Side;
  role: OrgRole;
  password_hash: string | null;
  invite_token_hash: string | null;
  invite_expires_at: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  /** Until then, the next single sign-on with this verified email links the account. */
  sso_link_until?: string | null;
}

export interface SessionsTable {
  id_hash: string;
  /** Public handle (the sessions page); null only for sessions older than the column. */
  id: string | null;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
  last_login_at: string | null;
}

export interface OidcFlowsTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
  expires_at: string;
}

export interface PersonalTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  access: PersonalTokenAccess;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  blocked_until: string | null;
}

export interface StagesTable {
  id: string;
  key: string;
  name_en: string;
  name_de: string;
  position: number;
  owning_side: OwningSide;
  /** JSON array of { id, labelEn, labelDe } */
  checklist: string;
  created_at: string;
  updated_at: string;
}

export interface InitiativesTable {
  id: string;
  title: string;
  problem: string;
  expected_benefit: string;
  department: string;
  business_owner_id: string;
  it_owner_id: string;
  business_deputy_id: string | null;
  it_deputy_id: string | null;
  stage_id: string;
  status: InitiativeStatus;
  visibility: Visibility;
  risk_class: RiskClass;
  /** JSON object: questionnaire answers by question id */
  risk_answers: string;
  risk_justification: string | null;
  /** JSON array of strings */
  tags: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface InitiativeMembersTable {
  initiative_id: string;
  user_id: string;
  role: MemberRole;
  added_at: string;
}

export interface StageTransitionsTable {
  id: string;
  initiative_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  actor_id: string | null;
  /** JSON array of confirmed checklist item ids */
  checklist: string;
  note: string | null;
  occurred_at: string;
}

export interface AuditEventsTable {
  /** UUIDv7, monotonic within a process: ordering by id orders by time. */
  id: string;
  occurred_at: string;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  initiative_id: string | null;
  action: string;
  /** JSON or null */
  before: string | null;
  after: string | null;
  /** SHA-256 of the canonical content (modules/audit/chain.ts); null on events older than the chain. */
  digest: string | null;
}

/** The audit events in commit order, linked by hash (see modules/audit/chain.ts). */
export interface AuditChainTable {
  seq: number;
  event_id: string;
  digest: string;
  prev_hash: string;
  hash: string;
}

/** The end of the audit chain: one row (id 1). */
export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AgreementVersionsTable {
  subject_type: AgreementSubject;
  subject_id: string;
  version: number;
  /** JSON of the signed content */
  content: string;
  created_by: string | null;
  created_at: string;
}

export interface AgreementSignaturesTable {
  subject_type: AgreementSubject;
  subject_id: string;
  version: number;
  user_id: string;
  side: Side;
  signed_at: string;
}

export interface MetricsTable {
  id: string;
  initiative_id: string;
  name: string;
  description: string;
  data_source: string;
  unit: string;
  value_type: ValueType;
  min_value: number | null;
  max_value: number | null;
  direction: Direction;
  aggregation: Aggregation;
  period: Period;
  time_zone: string;
  business_owner_id: string;
  it_owner_id: string;
  /** The agreement version of the current definition. */
  definition_version: number;
  /** Row version for optimistic concurrency. */
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: string;
  initiative_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface MeasurementsTable {
  id: string;
  metric_id: string;
  /** epoch ms */
  at: number;
  value: number;
  note: string | null;
  source: string;
  idempotency_key: string | null;
  /** epoch ms */
  created_at: number;
  created_by: string | null;
  token_id: string | null;
}

/** The CSV columns (header names) a metric's last import used; null: none. */
export interface MetricCsvColumnsTable {
  metric_id: string;
  at_column: string;
  value_column: string;
  note_column: string | null;
  source_column: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface MetricDailyTable {
  metric_id: string;
  /** YYYY-MM-DD in the metric's time zone */
  day: string;
  count: number;
  sum: number;
  last_at: number;
  last_value: number;
  /** JSON array of distinct sources */
  sources: string;
}

export interface GoalsTable {
  id: string;
  initiative_id: string;
  statement: string;
  rationale: string;
  metric_id: string | null;
  baseline_value: number | null;
  /** YYYY-MM-DD */
  baseline_date: string | null;
  target_value: number | null;
  due_date: string | null;
  business_responsible_id: string | null;
  it_responsible_id: string | null;
  status: GoalStatus;
  status_reason: string | null;
  achieved_at: string | null;
  agreement_version: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface HandoffsTable {
  id: string;
  initiative_id: string;
  title: string;
  note: string;
  /** The initiative's stage when the handoff was started. */
  from_stage_id: string;
  /** The stage entered on acceptance; null: the work changes hands within the stage. */
  to_stage_id: string | null;
  sender_id: string;
  sender_deputy_id: string | null;
  receiver_id: string;
  receiver_deputy_id: string | null;
  receiver_side: Side;
  /** YYYY-MM-DD: the last day for the receiver's answer */
  due_date: string;
  /** JSON array of { id, title, kind, link, description } */
  deliverables: string;
  /** JSON array of { id, labelEn, labelDe, source, checked } */
  checklist: string;
  state: HandoffState;
  /** Number of submissions so far. */
  round: number;
  return_count: number;
  /** First submission. */
  submitted_at: string | null;
  /** Accepted or withdrawn. */
  closed_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface HandoffEventsTable {
  id: string;
  handoff_id: string;
  type: HandoffEventType;
  round: number;
  actor_id: string | null;
  reason: string | null;
  /** JSON array of checklist item ids */
  failed_items: string;
  occurred_at: string;
}

export interface HandoffQuestionsTable {
  id: string;
  handoff_id: string;
  asked_by: string | null;
  asked_by_party: Party;
  text: string;
  asked_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  withdrawn_at: string | null;
}

export interface SettingsTable {
  key: string;
  /** JSON */
  value: string;
  updated_by: string | null;
  updated_at: string;
}

export interface DemoCadencesTable {
  id: string;
  initiative_id: string;
  repeat_interval: CadenceInterval;
  /** ISO weekday, 1 = Monday */
  weekday: number;
  /** monthly: 1–4, or -1 for the last */
  week_of_month: number | null;
  /** HH:MM local */
  local_time: string;
  duration_minutes: number;
  time_zone: string;
  /** YYYY-MM-DD; occurrences of this rule start here */
  starts_on: string;
  location: string;
  presenter_id: string | null;
  /** JSON array of user ids */
  invitee_ids: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DemoOccurrencesTable {
  id: string;
  initiative_id: string;
  cadence_id: string;
  /** YYYY-MM-DD the rule put it on: its identity and the calendar UID, kept when moved */
  rule_date: string;
  starts_at: string;
  ends_at: string;
  state: OccurrenceState;
  reason: string | null;
  /** 0/1 */
  moved: number;
  /** iCalendar SEQUENCE: raised on every move, cancellation or skip */
  sequence: number;
  presenter_id: string | null;
  notes: string;
  /** JSON array of { url, title } */
  links: string;
  /** JSON array of goal ids */
  goal_ids: string;
  recorded_by: string | null;
  recorded_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DemoAttendeesTable {
  occurrence_id: string;
  user_id: string;
  side: Side;
  confidence: number | null;
}

export interface DemoFeedbackTable {
  id: string;
  occurrence_id: string;
  initiative_id: string;
  kind: FeedbackKind;
  text: string;
  author_id: string | null;
  author_side: Side;
  created_at: string;
  action_owner_id: string | null;
  action_due_date: string | null;
  action_status: ActionStatus | null;
  action_created_at: string | null;
  action_done_at: string | null;
}

export interface CalendarFeedsTable {
  id: string;
  /** SHA-256 of the secret in the URL */
  token_hash: string;
  user_id: string;
  /** null: the person's feed of all their demos */
  initiative_id: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The outbox: one domain event, written in the transaction of the change it reports. */
export interface DomainEventsTable {
  /** UUIDv7: sortable, and the idempotency key subscribers pass on (webhook ids, …). */
  id: string;
  /** Ordering unit: the initiative, or `entity_type:entity_id` for events without one. */
  stream: string;
  /** Position in the stream in commit order; null only until the writer commits (PostgreSQL). */
  seq: number | null;
  type: string;
  occurred_at: string;
  actor_id: string | null;
  initiative_id: string | null;
  entity_type: string;
  entity_id: string;
  /** JSON or null */
  data: string | null;
}

/** One event for one subscriber: its state, attempts and lease. */
export interface EventDeliveriesTable {
  event_id: string;
  subscriber: string;
  stream: string;
  seq: number | null;
  status: DeliveryStatus;
  /** Handler runs started (claims), including ones that died with their process. */
  attempts: number;
  /** Not before this time (retry backoff); null: at once. */
  available_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface EventStreamsTable {
  stream: string;
  last_seq: number;
}

/** Steps an external subscriber completed for an event (skipped when redelivered). */
export interface EventEffectsTable {
  subscriber: string;
  event_id: string;
  key: string;
  done_at: string;
}

/** A comment on a thing of an initiative; Markdown source, rendered by the web. */
export interface CommentsTable {
  id: string;
  initiative_id: string;
  subject_type: CommentSubject;
  subject_id: string;
  author_id: string;
  body: string;
  /** JSON array of the user ids mentioned */
  mentions: string;
  version: number;
  created_at: string;
  edited_at: string | null;
  /** Soft delete: the text stays in the revisions */
  deleted_at: string | null;
  deleted_by: string | null;
}

/** An earlier text of a comment: what it said, since when, who replaced it and when. */
export interface CommentRevisionsTable {
  id: string;
  comment_id: string;
  body: string;
  written_at: string;
  replaced_by: string;
  replaced_at: string;
}

/** One notification of one person, created by an outbox subscriber once per event. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  /** The domain event (or the daily job's period key) it comes from: unique with user and kind */
  event_id: string;
  initiative_id: string | null;
  subject_type: string;
  subject_id: string;
  /** Web path of the item */
  link: string;
  /** The item's title when it was created */
  title: string;
  excerpt: string | null;
  actor_id: string | null;
  created_at: string;
  read_at: string | null;
  email_status: EmailState;
  email_error: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  updated_at: string;
}

/** A chat channel: Teams, Slack or a signed JSON webhook; initiative_id null = workspace. */
export interface ChannelsTable {
  id: string;
  initiative_id: string | null;
  kind: ChannelKind;
  name: string;
  /** The target; it may carry the target's own secret (Slack, Teams), so it never leaves whole. */
  url: string;
  /** `whsec_…` for signed webhooks (Standard Webhooks), null otherwise */
  secret: string | null;
  /** JSON array of ChannelEvent */
  events: string;
  language: Language;
  /** 0/1 */
  enabled: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One attempt to deliver one event to one channel. */
export interface ChannelDeliveriesTable {
  id: string;
  channel_id: string;
  event_id: string;
  event_type: string;
  /** The Standard Webhooks `webhook-id`: the same on every attempt of one message. */
  webhook_id: string;
  attempt: number;
  status: ChannelDeliveryStatus;
  http_status: number | null;
  /** The start of the answer, or why there was none (timeout, refused address). */
  answer: string;
  duration_ms: number;
  created_at: string;
}

export interface ScheduledJobsTable {
  name: string;
  /** The schedule as text (describeSchedule): a changed schedule recomputes next_run_at. */
  schedule: string;
  next_run_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_status: ScheduledJob['lastStatus'];
  last_error: string | null;
  /** Consecutive failed runs (retry backoff). */
  failures: number;
  runs: number;
}

/** The owners' weekly view of an initiative: one per side per ISO week (e.g. 2026-W49). */
export interface WeeklyUpdatesTable {
  id: string;
  initiative_id: string;
  side: Side;
  week: string;
  owner_view: OwnerView;
  text: string;
  author_id: string | null;
  written_at: string;
}

/** One initiative's health on one day (the daily job); areas and reasons as JSON. */
export interface HealthSnapshotsTable {
  initiative_id: string;
  day: string;
  ampel: Ampel;
  score: number;
  areas: string;
  reasons: string;
  computed_at: string;
}

/** One initiative's current health, stored (migration 20261203_01); JSON as text. */
export interface InitiativeHealthTable {
  initiative_id: string;
  /** The company-zone day it was computed on. */
  day: string;
  computed_at: string;
  /** A hash of `weakest` and `areas`: readers cache the serialised cells per revision. */
  revision: string;
  /** ISO instant from which the row is stale (a day boundary or a demo start). */
  valid_until: string;
  /** Fingerprint of the thresholds and stages it was computed with. */
  basis: string;
  ampel: Ampel;
  score: number;
  weakest: string;
  areas: string;
  waiting: string;
  result: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  personal_tokens: PersonalTokensTable;
  password_resets: PasswordResetsTable;
  user_identities: UserIdentitiesTable;
  oidc_flows: OidcFlowsTable;
  login_throttle: LoginThrottleTable;
  stages: StagesTable;
  initiatives: InitiativesTable;
  initiative_members: InitiativeMembersTable;
  stage_transitions: StageTransitionsTable;
  audit_events: AuditEventsTable;
  audit_chain: AuditChainTable;
  audit_chain_head: AuditChainHeadTable;
  agreement_versions: AgreementVersionsTable;
  agreement_signatures: AgreementSignaturesTable;
  metrics: MetricsTable;
  api_tokens: ApiTokensTable;
  measurements: MeasurementsTable;
  metric_daily: MetricDailyTable;
  metric_csv_columns: MetricCsvColumnsTable;
  goals: GoalsTable;
  handoffs: HandoffsTable;
  handoff_events: HandoffEventsTable;
  handoff_questions: HandoffQuestionsTable;
  settings: SettingsTable;
  demo_cadences: DemoCadencesTable;
  demo_occurrences: DemoOccurrencesTable;
  demo_attendees: DemoAttendeesTable;
  demo_feedback: DemoFeedbackTable;
  calendar_feeds: CalendarFeedsTable;
  domain_events: DomainEventsTable;
  event_deliveries: EventDeliveriesTable;
  event_streams: EventStreamsTable;
  event_effects: EventEffectsTable;
  scheduled_jobs: ScheduledJobsTable;
  weekly_updates: WeeklyUpdatesTable;
  comments: CommentsTable;
  comment_revisions: CommentRevisionsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  channels: ChannelsTable;
  channel_deliveries: ChannelDeliveriesTable;
  health_snapshots: HealthSnapshotsTable;
  initiative_health: InitiativeHealthTable;
}
