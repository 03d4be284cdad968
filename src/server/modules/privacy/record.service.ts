import type { ProcessingRecord } from '../../../contracts/privacy.js';
import type { DataKind } from '../../../domain/privacy.js';
import type { AppContext } from '../../context.js';
import type { Config } from '../../config.js';
import {
  KIND_TITLES,
  PERSONAL_DATA,
  type PersonalDataEntry,
  type Processor,
  PROCESSORS,
} from './personal-data.js';
import { retentionDays, worksCouncilMode } from './settings.service.js';

/**
 * Which processors receive data: mail when SMTP is configured, single sign-on when OIDC is,
 * webhooks (Teams, Slack, signed JSON) when any chat channel exists.
 */
export function configuredProcessors(
  config: Config,
  channels: boolean,
): Record<Processor, boolean> {
  return {
    smtp: config.smtp !== undefined,
    // Teams, Slack and webhook targets are set up in the app, not in the configuration.
    webhooks: channels,
    sso: config.oidc !== undefined,
  };
}

const LASTING: Record<string, { en: string; de: string }> = {
  account: {
    en: 'As long as the account exists; on erasure replaced by a pseudonym',
    de: 'Solange das Konto besteht; bei Löschung durch ein Pseudonym ersetzt',
  },
  work_records: {
    en: 'As long as the initiative exists; people erased show as "Former colleague"',
    de: 'Solange die Initiative besteht; gelöschte Personen erscheinen als „Ehemalige Kollegin / ehemaliger Kollege"',
  },
  audit_trail: {
    en: 'Who and when: as long as the workspace; details: see "Audit trail details"',
    de: 'Wer und wann: solange der Arbeitsbereich besteht; Details: siehe „Details im Änderungsprotokoll"',
  },
};

/** The record of processing activities (GDPR Art. 30), generated from the registry. */
export async function processingRecord(ctx: AppContext): Promise<ProcessingRecord> {
  const db = ctx.db.kysely;
  const days = await retentionDays(db);
  const channel = await db.selectFrom('channels').select('id').limit(1).executeTakeFirst();
  const configured = configuredProcessors(ctx.config, channel !== undefined);
  const byKind = new Map<DataKind, PersonalDataEntry[]>();
  for (const e of PERSONAL_DATA) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  const entries: ProcessingRecord['entries'] = [...byKind].map(([kind, list]) => {
    const retentionKind = list.find((e) => e.retention)?.retention?.kind;
    const kept = retentionKind ? days[retentionKind] : null;
    const processors = [...new Set(list.flatMap((e) => e.processors ?? []))].filter(
      (p) => configured[p],
    );
    return {
      kind,
      title: KIND_TITLES[kind],
      purpose: list[0]?.purpose ?? { en: '', de: '' },
      stored: list.map((e) => ({
        table: e.table,
        columns: Object.entries(e.columns)
          .filter(([, role]) => role !== 'not-personal')
          .map(([c]) => c),
      })),
      retentionDays: kept,
      retention:
        kept !== null
          ? { en: `${kept} days`, de: `${kept} Tage` }
          : (LASTING[kind] ?? {
              en: 'As long as the workspace',
              de: 'Solange der Arbeitsbereich besteht',
            }),
      processors,
    };
  });
  if (days.audit_detail !== null)
    entries.push({
      kind: 'audit_detail',
      title: KIND_TITLES.audit_detail,
      purpose: {
        en: 'What exactly changed (values before and after)',
        de: 'Was genau sich geändert hat (Werte davor und danach)',
      },
      stored: [{ table: 'audit_events', columns: ['before', 'after'] }],
      retentionDays: days.audit_detail,
      retention: { en: `${days.audit_detail} days`, de: `${days.audit_detail} Tage` },
      processors: [],
    });
  return {
    controller: ctx.config.publicUrl?.host ?? 'Tandem',
    worksCouncilMode: await worksCouncilMode(db),
    entries,
    processors: (Object.keys(PROCESSORS) as Processor[]).map((id) => ({
      id,
      ...PROCESSORS[id],
      configured: configured[id],
    })),
    generatedAt: ctx.now().toISOString(),
  };
}
