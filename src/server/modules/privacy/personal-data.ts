import type { DataKind, RetentionKind } from '../../../domain/privacy.js';
import type { Database } from '../../db/schema.js';

/**
 * THE list of personal data Tandem stores: every table with a person in it, which columns
 * hold what, why, for how long, and who outside Tandem receives it. The export
 * (GET /api/me/personal-data), the erasure of a person, the daily clean-up and the record of
 * processing (GET /api/privacy/record) are all generated from it, so a new table needs one
 * entry here and nothing else. `personal-data.test.ts` fails when a table with a person
 * reference or a name/email-like column is missing, or a column is left unclassified.
 */

/** How a column relates to a person. */
export type ColumnRole =
  /** A user id (the person the row is about, or one involved). */
  | 'person'
  /** A JSON array of user ids. */
  | 'person-list'
  /** A name or email address (or a key made from one). */
  | 'identity'
  /** Further facts about the person (language, department, side, role). */
  | 'profile'
  /** Free text or a JSON copy that may mention someone: scrubbed on erasure. */
  | 'text'
  /** IP address or browser of a sign-in. */
  | 'network'
  /** A confidence vote given in a demo. */
  | 'vote'
  /** A hash of a secret: never exported. */
  | 'secret'
  /** Looks personal by its name but is not (a metric's name, a stage's name). */
  | 'not-personal';

export type Processor = 'smtp' | 'webhooks' | 'sso';

interface Text {
  en: string;
  de: string;
}

export type TableName = keyof Database;

export interface PersonalDataEntry {
  table: TableName;
  kind: DataKind;
  purpose: Text;
  columns: Partial<Record<string, ColumnRole>>;
  processors?: Processor[];
  /** Removed (or, for the audit trail, redacted) this long after `column`, by kind. */
  retention?: {
    kind: RetentionKind;
    column: string;
    action: 'delete' | 'redact-audit-detail' | 'prune-outbox';
  };
  /**
   * What erasing a person does besides scrubbing `text` columns: `delete` the rows that
   * name them (a person column, or an identity column containing their email),
   * `pseudonymise` the account itself, `keep` the rows (references now show the pseudonym).
   */
  erasure: 'delete' | 'pseudonymise' | 'keep';
  /** Left out of the personal-data export, and why (copies of what the export has already). */
  notExported?: string;
}

const WORK = {
  en: 'Collaboration on initiatives: who owns, agrees, hands over and reports what',
  de: 'Zusammenarbeit an Initiativen: wer was verantwortet, vereinbart, übergibt und berichtet',
};

export const PERSONAL_DATA: readonly PersonalDataEntry[] = [
  {
    table: 'users',
    kind: 'account',
    purpose: {
      en: 'Sign-in and showing who is who (name, side, department)',
      de: 'Anmeldung und Anzeige, wer wer ist (Name, Seite, Abteilung)',
    },
    columns: {
      id: 'person',
      email: 'identity',
      name: 'identity',
      language: 'profile',
      department: 'profile',
      side: 'profile',
      role: 'profile',
      password_hash: 'secret',
      invite_token_hash: 'secret',
    },
    processors: ['smtp', 'sso'],
    erasure: 'pseudonymise',
  },
  {
    table: 'sessions',
    kind: 'sessions',
    purpose: {
      en: 'Keeping a person signed in; showing their devices',
      de: 'Angemeldet bleiben; die eigenen Geräte anzeigen',
    },
    columns: { id_hash: 'secret', user_id: 'person', ip: 'network', user_agent: 'network' },
    retention: { kind: 'sessions', column: 'expires_at', action: 'delete' },
    erasure: 'delete',
  },
  {
    table: 'password_resets',
    kind: 'sessions',
    purpose: {
      en: 'Password reset links a person asked for (only a hash of the link is kept)',
      de: 'Links zum Zurücksetzen des Passworts, die eine Person angefordert hat (nur ein Hash des Links wird gespeichert)',
    },
    columns: { user_id: 'person', token_hash: 'secret' },
    retention: { kind: 'sessions', column: 'expires_at', action: 'delete' },
    erasure: 'delete',
  },
  {
    table: 'login_throttle',
    kind: 'login_attempts',
    purpose: {
      en: 'Protection against password guessing (failed sign-ins per account and address)',
      de: 'Schutz vor Passwort-Raten (Fehlversuche je Konto und Adresse)',
    },
    columns: { key: 'identity' },
    retention: { kind: 'login_attempts', column: 'window_started_at', action: 'delete' },
    erasure: 'delete',
  },
  {
    table: 'initiatives',
    kind: 'work_records',
    purpose: WORK,
    columns: {
      business_owner_id: 'person',
      it_owner_id: 'person',
      business_deputy_id: 'person',
      it_deputy_id: 'person',
      created_by: 'person',
      title: 'text',
      problem: 'text',
      expected_benefit: 'text',
      risk_justification: 'text',
    },
    erasure: 'keep',
  },
  {
    table: 'initiative_members',
    kind: 'work_records',
    purpose: WORK,
    columns: { user_id: 'person' },
    erasure: 'keep',
  },
  {
    table: 'stage_transitions',
    kind: 'work_records',
    purpose: WORK,
    columns: { actor_id: 'person', note: 'text' },
    erasure: 'keep',
  },
  {
    table: 'audit_events',
    kind: 'audit_trail',
    purpose: {
      en: 'Proof of who changed what and when (accountability, GDPR Art. 5(2))',
      de: 'Nachweis, wer wann was geändert hat (Rechenschaftspflicht, DSGVO Art. 5 Abs. 2)',
    },
    columns: { actor_id: 'person', before: 'text', after: 'text' },
    retention: { kind: 'audit_detail', column: 'occurred_at', action: 'redact-audit-detail' },
    erasure: 'keep',
  },
  {
    table: 'agreement_versions',
    kind: 'work_records',
    purpose: WORK,
    columns: { created_by: 'person', content: 'text' },
    erasure: 'keep',
  },
  {
    table: 'agreement_signatures',
    kind: 'work_records',
    purpose: WORK,
    columns: { user_id: 'person' },
    erasure: 'keep',
  },
  {
    table: 'metrics',
    kind: 'work_records',
    purpose: WORK,
    columns: {
      business_owner_id: 'person',
      it_owner_id: 'person',
      created_by: 'person',
      name: 'not-personal',
      description: 'text',
      data_source: 'text',
    },
    erasure: 'keep',
  },
  {
    table: 'api_tokens',
    kind: 'work_records',
    purpose: WORK,
    columns: { created_by: 'person', name: 'text', token_hash: 'secret' },
    erasure: 'keep',
  },
  {
    table: 'measurements',
    kind: 'work_records',
    purpose: WORK,
    columns: { created_by: 'person', note: 'text' },
    erasure: 'keep',
  },
  {
    table: 'goals',
    kind: 'work_records',
    purpose: WORK,
    columns: {
      business_responsible_id: 'person',
      it_responsible_id: 'person',
      created_by: 'person',
      statement: 'text',
      rationale: 'text',
      status_reason: 'text',
    },
    erasure: 'keep',
  },
  {
    table: 'handoffs',
    kind: 'work_records',
    purpose: WORK,
    columns: {
      sender_id: 'person',
      sender_deputy_id: 'person',
      receiver_id: 'person',
      receiver_deputy_id: 'person',
      created_by: 'person',
      title: 'text',
      note: 'text',
      deliverables: 'text',
      checklist: 'text',
    },
    erasure: 'keep',
  },
  {
    table: 'handoff_events',
    kind: 'work_records',
    purpose: WORK,
    columns: { actor_id: 'person', reason: 'text' },
    erasure: 'keep',
  },
  {
    table: 'handoff_questions',
    kind: 'work_records',
    purpose: WORK,
    columns: { asked_by: 'person', answered_by: 'person', text: 'text', answer: 'text' },
    erasure: 'keep',
  },
  {
    table: 'settings',
    kind: 'work_records',
    purpose: {
      en: 'Who last changed a company-wide setting',
      de: 'Wer eine unternehmensweite Einstellung zuletzt geändert hat',
    },
    columns: { updated_by: 'person', value: 'text' },
    erasure: 'keep',
  },
  {
    table: 'demo_cadences',
    kind: 'work_records',
    purpose: WORK,
    columns: {
      presenter_id: 'person',
      invitee_ids: 'person-list',
      created_by: 'person',
      location: 'text',
    },
    erasure: 'keep',
  },
  {
    table: 'demo_occurrences',
    kind: 'work_records',
    purpose: WORK,
    columns: {
      presenter_id: 'person',
      recorded_by: 'person',
      notes: 'text',
      reason: 'text',
      links: 'text',
    },
    erasure: 'keep',
  },
  {
    table: 'demo_attendees',
    kind: 'work_records',
    purpose: {
      en: 'Who attended a demo and how confident they were (shown only as averages per side in works-council mode)',
      de: 'Wer an einer Demo teilnahm und wie zuversichtlich (im Betriebsratsmodus nur als Durchschnitt je Seite)',
    },
    columns: { user_id: 'person', confidence: 'vote' },
    erasure: 'keep',
  },
  {
    table: 'demo_feedback',
    kind: 'work_records',
    purpose: WORK,
    columns: { author_id: 'person', action_owner_id: 'person', text: 'text' },
    erasure: 'keep',
  },
  {
    table: 'calendar_feeds',
    kind: 'calendar_feeds',
    purpose: {
      en: 'A personal calendar subscription of one’s demos',
      de: 'Ein persönliches Kalender-Abonnement der eigenen Demos',
    },
    columns: { user_id: 'person', token_hash: 'secret' },
    retention: { kind: 'calendar_feeds', column: 'revoked_at', action: 'delete' },
    erasure: 'delete',
  },
  {
    table: 'domain_events',
    kind: 'event_deliveries',
    purpose: {
      en: 'Passing changes on to notifications and webhooks',
      de: 'Weitergabe von Änderungen an Benachrichtigungen und Webhooks',
    },
    columns: { actor_id: 'person', data: 'text' },
    processors: ['webhooks', 'smtp'],
    retention: { kind: 'event_deliveries', column: 'occurred_at', action: 'prune-outbox' },
    erasure: 'keep',
    notExported: 'copies of the audit trail, kept only until delivered',
  },
  {
    table: 'event_deliveries',
    kind: 'event_deliveries',
    purpose: {
      en: 'Delivery state of notifications and webhooks',
      de: 'Zustellstatus von Benachrichtigungen und Webhooks',
    },
    columns: { last_error: 'text', lease_owner: 'not-personal' },
    retention: { kind: 'event_deliveries', column: 'finished_at', action: 'prune-outbox' },
    erasure: 'keep',
    notExported: 'no person in it',
  },
  {
    table: 'user_identities',
    kind: 'account',
    purpose: {
      en: 'Single sign-on: which company account (issuer and subject) is this person',
      de: 'Single Sign-on: welches Firmenkonto (Aussteller und Kennung) diese Person ist',
    },
    columns: { user_id: 'person', subject: 'identity', issuer: 'not-personal' },
    processors: ['sso'],
    erasure: 'delete',
  },
  {
    table: 'personal_tokens',
    kind: 'account',
    purpose: {
      en: 'Personal API tokens for scripts acting with the person’s rights',
      de: 'Persönliche API-Tokens für Skripte, die mit den Rechten der Person handeln',
    },
    columns: { user_id: 'person', name: 'text', token_hash: 'secret', prefix: 'secret' },
    erasure: 'delete',
  },
  {
    table: 'weekly_updates',
    kind: 'work_records',
    purpose: WORK,
    columns: { author_id: 'person', text: 'text' },
    erasure: 'keep',
  },
  {
    table: 'metric_csv_columns',
    kind: 'work_records',
    purpose: WORK,
    columns: { updated_by: 'person' },
    erasure: 'keep',
  },
  {
    table: 'comments',
    kind: 'work_records',
    purpose: {
      en: 'Comments on initiatives and their goals, handoffs, demos and metrics; who was mentioned',
      de: 'Kommentare zu Initiativen und ihren Zielen, Übergaben, Demos und Kennzahlen; wer erwähnt wurde',
    },
    columns: { author_id: 'person', deleted_by: 'person', mentions: 'person-list', body: 'text' },
    erasure: 'keep',
  },
  {
    table: 'comment_revisions',
    kind: 'work_records',
    purpose: WORK,
    columns: { replaced_by: 'person', body: 'text' },
    erasure: 'keep',
  },
  {
    table: 'notifications',
    kind: 'notifications',
    purpose: {
      en: 'Telling a person what needs them (inbox and, if chosen, email)',
      de: 'Einer Person mitteilen, was sie braucht (Eingang und, wenn gewählt, E-Mail)',
    },
    columns: {
      user_id: 'person',
      actor_id: 'person',
      title: 'text',
      excerpt: 'text',
      email_error: 'text',
    },
    processors: ['smtp'],
    retention: { kind: 'notifications', column: 'created_at', action: 'delete' },
    erasure: 'delete',
  },
  {
    table: 'notification_preferences',
    kind: 'account',
    purpose: {
      en: 'How each person wants to be notified (inbox, email or not at all)',
      de: 'Wie jede Person benachrichtigt werden möchte (Eingang, E-Mail oder gar nicht)',
    },
    columns: { user_id: 'person' },
    erasure: 'delete',
  },
  {
    table: 'channels',
    kind: 'work_records',
    purpose: {
      en: 'Chat channels (Teams, Slack, webhooks) that receive an initiative’s news',
      de: 'Chat-Kanäle (Teams, Slack, Webhooks), die Neuigkeiten einer Initiative erhalten',
    },
    columns: { created_by: 'person', name: 'not-personal', secret: 'secret' },
    processors: ['webhooks'],
    erasure: 'keep',
  },
  {
    table: 'channel_deliveries',
    kind: 'event_deliveries',
    purpose: {
      en: 'Delivery attempts to chat channels, for admins to see what arrived',
      de: 'Zustellversuche an Chat-Kanäle, damit Admins sehen, was ankam',
    },
    columns: { answer: 'text' },
    processors: ['webhooks'],
    retention: { kind: 'event_deliveries', column: 'created_at', action: 'delete' },
    erasure: 'keep',
    notExported: 'no person in it',
  },
];

/** Tables without personal data, and why; `looksPersonal`: columns named like a person's that are not. */
export const NOT_PERSONAL: Partial<Record<TableName, { why: string; looksPersonal?: string[] }>> = {
  stages: { why: 'the lifecycle stages of the company', looksPersonal: ['name_en', 'name_de'] },
  audit_chain: { why: 'hashes linking the audit trail' },
  audit_chain_head: { why: 'the end of the audit chain' },
  metric_daily: { why: 'daily sums of measurements' },
  event_streams: { why: 'positions of event streams' },
  event_effects: { why: 'steps an event handler completed' },
  scheduled_jobs: { why: 'periodic jobs of the server', looksPersonal: ['name', 'lease_owner'] },
  oidc_flows: { why: 'a single sign-on in progress (state, nonce), gone within 10 minutes' },
  health_snapshots: {
    why: 'the daily health of each initiative: Ampel, score and reasons about its goals, handoffs, demos and metrics, never about a person',
  },
  initiative_health: {
    why: 'the current health of each initiative, stored for the portfolio: Ampel, score, reasons and counts of what waits for which side, never about a person',
  },
};

export const entryOf = (table: string): PersonalDataEntry | undefined =>
  PERSONAL_DATA.find((e) => e.table === table);

export const columnsWith = (entry: PersonalDataEntry, ...roles: ColumnRole[]): string[] =>
  Object.entries(entry.columns)
    .filter(([, role]) => role !== undefined && roles.includes(role))
    .map(([column]) => column);

/** Descriptions of the kinds, for the record of processing. */
export const KIND_TITLES: Record<DataKind, Text> = {
  account: { en: 'Account', de: 'Konto' },
  sessions: { en: 'Sessions', de: 'Sitzungen' },
  login_attempts: { en: 'Failed sign-ins', de: 'Fehlgeschlagene Anmeldungen' },
  audit_trail: { en: 'Audit trail', de: 'Änderungsprotokoll' },
  audit_detail: { en: 'Audit trail details', de: 'Details im Änderungsprotokoll' },
  work_records: { en: 'Work on initiatives', de: 'Arbeit an Initiativen' },
  calendar_feeds: { en: 'Calendar subscriptions', de: 'Kalender-Abonnements' },
  event_deliveries: {
    en: 'Notifications and webhook deliveries',
    de: 'Benachrichtigungen und Webhook-Zustellungen',
  },
  notifications: { en: 'Notifications', de: 'Benachrichtigungen' },
};

export const PROCESSORS: Record<Processor, { name: Text; receives: Text }> = {
  smtp: {
    name: { en: 'Mail server (SMTP)', de: 'Mailserver (SMTP)' },
    receives: {
      en: 'Name and email address of recipients, the text of notifications',
      de: 'Name und E-Mail-Adresse der Empfänger, der Text von Benachrichtigungen',
    },
  },
  webhooks: {
    name: { en: 'Webhook receivers', de: 'Webhook-Empfänger' },
    receives: {
      en: 'Changes to initiatives, with the ids of the people who made them',
      de: 'Änderungen an Initiativen, mit den Kennungen der Personen, die sie vorgenommen haben',
    },
  },
  sso: {
    name: { en: 'Company sign-in (single sign-on)', de: 'Firmen-Anmeldung (Single Sign-on)' },
    receives: {
      en: 'Sign-in requests; it sends back name, email address and group claims',
      de: 'Anmeldeanfragen; sie liefert Name, E-Mail-Adresse und Gruppen zurück',
    },
  },
};
