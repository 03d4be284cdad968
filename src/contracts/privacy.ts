import { z } from 'zod';
import { RETENTION_KINDS } from '../domain/privacy.js';
import { Timestamp } from './common.js';

export const RetentionKind = z.enum(RETENTION_KINDS);
export type RetentionKind = z.infer<typeof RetentionKind>;

const days = z.number().int().min(1).max(36_500).nullable();

/** Company-wide privacy settings (admin). */
export const PrivacySettings = z
  .object({
    /** Works-council mode: anonymous votes, no per-person figures, roles instead of names. */
    worksCouncilMode: z.boolean(),
    /** Days each kind of data is kept; null: as long as the workspace. */
    retentionDays: z.record(RetentionKind, days),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'PrivacySettings' });
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const UpdatePrivacySettingsBody = z.object({
  worksCouncilMode: z.boolean().optional(),
  retentionDays: z.partialRecord(RetentionKind, days).optional(),
});
export type UpdatePrivacySettingsBody = z.input<typeof UpdatePrivacySettingsBody>;

const Text = z.object({ en: z.string(), de: z.string() });

/** One entry of the record of processing activities (GDPR Art. 30). */
export const ProcessingEntry = z.object({
  /** The kind of data: account, sessions, work records, … */
  kind: z.string(),
  title: Text,
  purpose: Text,
  /** What is stored: table and columns. */
  stored: z.array(z.object({ table: z.string(), columns: z.array(z.string()) })),
  /** Days kept; null: as long as the account or the workspace exists. */
  retentionDays: z.number().int().nullable(),
  retention: Text,
  /** Recipients outside Tandem, when configured. */
  processors: z.array(z.string()),
});

export const ProcessingRecord = z
  .object({
    controller: z.string(),
    worksCouncilMode: z.boolean(),
    entries: z.array(ProcessingEntry),
    processors: z.array(
      z.object({ id: z.string(), name: Text, configured: z.boolean(), receives: Text }),
    ),
    generatedAt: Timestamp,
  })
  .meta({ id: 'ProcessingRecord' });
export type ProcessingRecord = z.infer<typeof ProcessingRecord>;

/** What Tandem holds about one person: rows by table, other people left out. */
export const PersonalDataExport = z
  .object({
    person: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    generatedAt: Timestamp,
    sections: z.array(
      z.object({
        kind: z.string(),
        title: Text,
        purpose: Text,
        table: z.string(),
        rows: z.array(z.record(z.string(), z.unknown())),
      }),
    ),
  })
  .meta({ id: 'PersonalDataExport' });
export type PersonalDataExport = z.infer<typeof PersonalDataExport>;

export const ErasureResult = z.object({
  userId: z.string(),
  pseudonym: z.string(),
  redactedAuditEvents: z.number().int(),
  changedRows: z.number().int(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;
