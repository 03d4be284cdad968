/**
 * What the loaders of the fact sheets share: the company's zone, the filter of initiatives,
 * small helpers, and the signatures of the current version of goals and metrics.
 */
import type { SignedBy } from '../../../domain/health.js';
import { SIDES } from '../../../domain/sides.js';
import type { RiskClass } from '../../../domain/risk.js';
import type { DbOrTrx } from '../../db/connect.js';
import { sql } from 'kysely';
import type { ReadableIds } from '../initiatives/visibility.service.js';

/** The company's zone for "today" (no setting yet; the demos module's default). */
export const COMPANY_TIME_ZONE = 'Europe/Berlin';

export const DAY_MS = 86_400_000;

/** Filters applied in SQL before anything else is loaded. */
export interface InitiativeFilter {
  /**
   * A subquery of the ids the person may read (visibility.service readableInitiativeIds);
   * null only for the system's own recomputes, which read every initiative.
   */
  readable: ReadableIds | null;
  ids?: readonly string[];
  department?: string | undefined;
  stageId?: string | undefined;
  ownerId?: string | undefined;
  riskClass?: RiskClass | undefined;
}

/** The rows a query returns. */
export type RowsOf<Q> = Q extends { execute(): Promise<infer R> } ? R : never;

export const num = (v: unknown): number => Number(v);
export const isoOf = (v: unknown): string => new Date(num(v)).toISOString();
export function group<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

/**
 * Signatures of the current version per subject: side → first signing time, and when that
 * version was created. Driven from the subject table (its initiative index), each version
 * and signature looked up by its primary key: no scan of all agreements of a kind, however
 * many there are (SQLite without statistics would otherwise start from `subject_type`).
 */
export function signaturesQuery(
  db: DbOrTrx,
  subject: 'goal' | 'metric',
  initiativeIds: readonly string[],
) {
  const versionColumn = subject === 'goal' ? 's.agreement_version' : 's.definition_version';
  return (
    subject === 'goal'
      ? db.selectFrom('goals as s').select(['s.id as id', 's.agreement_version as version'])
      : db.selectFrom('metrics as s').select(['s.id as id', 's.definition_version as version'])
  )
    .select((eb) => [
      eb
        .selectFrom('agreement_versions as av')
        .select('av.created_at')
        .where('av.subject_type', '=', subject)
        .whereRef('av.subject_id', '=', 's.id')
        .where('av.version', '=', sql.ref<number>(versionColumn))
        .as('since'),
      ...SIDES.map((side) =>
        eb
          .selectFrom('agreement_signatures as sg')
          .select((e) => e.fn.min('sg.signed_at').as('at'))
          .where('sg.subject_type', '=', subject)
          .whereRef('sg.subject_id', '=', 's.id')
          .where('sg.version', '=', sql.ref<number>(versionColumn))
          .where('sg.side', '=', side)
          .as(`signed_${side}`),
      ),
    ])
    .where('s.initiative_id', 'in', initiativeIds);
}
export function signaturesMap(
  rows: readonly unknown[],
): Map<string, SignedBy & { since: string | null }> {
  const out = new Map<string, SignedBy & { since: string | null }>();
  for (const r of rows as {
    id: string;
    since: string | null;
    signed_business: string | null;
    signed_it: string | null;
  }[]) {
    if (r.since === null && r.signed_business === null && r.signed_it === null) continue;
    out.set(r.id, {
      since: r.since ?? null,
      business: r.signed_business === null ? null : String(r.signed_business),
      it: r.signed_it === null ? null : String(r.signed_it),
    });
  }
  return out;
}
