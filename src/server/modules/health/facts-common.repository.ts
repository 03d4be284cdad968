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
import { ownedOrDeputisedBy } from '../people/people.service.js';

/** The company's zone for "today" (no setting yet; the demos module's default). */
export { COMPANY_TIME_ZONE } from '../../../domain/time-zones.js';

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

/** The initiatives passing `filter`, in SQL: the one place its fields become conditions. */
export function filteredInitiatives(db: DbOrTrx, filter: InitiativeFilter) {
  let q = db.selectFrom('initiatives as i');
  if (filter.readable) q = q.where('i.id', 'in', filter.readable);
  if (filter.ids) q = q.where('i.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.department) q = q.where('i.department', '=', filter.department);
  if (filter.stageId) q = q.where('i.stage_id', '=', filter.stageId);
  if (filter.riskClass) q = q.where('i.risk_class', '=', filter.riskClass);
  if (filter.ownerId) q = q.where(ownedOrDeputisedBy(filter.ownerId));
  return q;
}

/**
 * The initiatives passing `filter` with their stage and both owners' names: what the fact
 * sheets and the portfolio's stored rows both start from (each selects more).
 */
export const initiativeHeads = (db: DbOrTrx, filter: InitiativeFilter) =>
  filteredInitiatives(db, filter)
    .innerJoin('stages as st', 'st.id', 'i.stage_id')
    .innerJoin('users as bo', 'bo.id', 'i.business_owner_id')
    .innerJoin('users as io', 'io.id', 'i.it_owner_id')
    .select([
      'i.id',
      'i.title',
      'i.department',
      'i.risk_class',
      'i.business_owner_id',
      'i.it_owner_id',
      'st.id as stage_id',
      'st.key as stage_key',
      'st.name_de as stage_de',
      'st.name_en as stage_en',
      'st.position as stage_position',
      'bo.name as bo_name',
      'io.name as io_name',
    ]);

/**
 * The stages as the health basis fingerprints them (stored-health.service healthBasis): every
 * field a computed health depends on, in a fixed order.
 */
export const basisStagesQuery = (db: DbOrTrx) =>
  db
    .selectFrom('stages')
    .select(['id', 'key', 'position', 'name_de', 'name_en'])
    .orderBy('position')
    .orderBy('id');

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
