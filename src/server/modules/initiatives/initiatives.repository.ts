import { type Expression, type SqlBool, sql } from 'kysely';
import type { InitiativeStatus } from '../../../domain/initiatives.js';
import type { RiskClass } from '../../../domain/risk.js';
import type { DbOrTrx } from '../../db/connect.js';
import { escapeLike } from '../../db/dialect.js';
import { OWNER_COLUMNS, ownedOrDeputisedBy } from '../people/people.service.js';
import type { ReadableIds } from './visibility.service.js';

export interface ListFilter {
  /** Only these initiatives: readableInitiativeIds(db, actor). */
  readable: ReadableIds;
  department?: string | undefined;
  stageId?: string | undefined;
  ownerId?: string | undefined;
  status?: InitiativeStatus | undefined;
  riskClass?: RiskClass | undefined;
  text?: string | undefined;
  memberId?: string | undefined;
}

const joined = (db: DbOrTrx) =>
  db
    .selectFrom('initiatives as i')
    .innerJoin('stages as s', 's.id', 'i.stage_id')
    .innerJoin('users as bo', 'bo.id', 'i.business_owner_id')
    .innerJoin('users as io', 'io.id', 'i.it_owner_id');

const JOINED_COLUMNS = [
  's.key as stage_key',
  's.name_en as stage_name_en',
  's.name_de as stage_name_de',
  's.position as stage_position',
  ...OWNER_COLUMNS,
] as const;

/** Just what a list row shows: the long texts stay in the database. */
export function selectSummaryRows(db: DbOrTrx) {
  return joined(db)
    .select([
      'i.id',
      'i.title',
      'i.department',
      'i.stage_id',
      'i.status',
      'i.visibility',
      'i.risk_class',
      'i.tags',
      'i.business_owner_id',
      'i.it_owner_id',
      'i.updated_at',
    ])
    .select(JOINED_COLUMNS);
}

export type InitiativeSummaryRow = Awaited<
  ReturnType<ReturnType<typeof selectSummaryRows>['executeTakeFirstOrThrow']>
>;

/** Initiatives with their stage and both owners, as one flat row each. */
export function selectInitiativeRows(db: DbOrTrx) {
  return joined(db).selectAll('i').select(JOINED_COLUMNS);
}

export type InitiativeRow = Awaited<
  ReturnType<ReturnType<typeof selectInitiativeRows>['executeTakeFirstOrThrow']>
>;

export async function findInitiatives(db: DbOrTrx, f: ListFilter): Promise<InitiativeSummaryRow[]> {
  let q = selectSummaryRows(db).where('i.id', 'in', f.readable);
  if (f.memberId !== undefined) {
    const memberId = f.memberId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('initiative_members as mm')
          .select('mm.user_id')
          .whereRef('mm.initiative_id', '=', 'i.id')
          .where('mm.user_id', '=', memberId),
      ),
    );
  }
  if (f.department) q = q.where('i.department', '=', f.department);
  if (f.stageId) q = q.where('i.stage_id', '=', f.stageId);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.riskClass) q = q.where('i.risk_class', '=', f.riskClass);
  if (f.ownerId) q = q.where(ownedOrDeputisedBy(f.ownerId));
  if (f.text) {
    const pattern = `%${escapeLike(f.text.toLowerCase())}%`;
    const like = (col: string): Expression<SqlBool> =>
      sql<SqlBool>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        like('i.title'),
        like('i.problem'),
        like('i.expected_benefit'),
        like('i.tags'),
        like('i.department'),
      ]),
    );
  }
  return q.orderBy('i.updated_at', 'desc').orderBy('i.id').execute();
}

export async function findInitiativeRow(
  db: DbOrTrx,
  id: string,
): Promise<InitiativeRow | undefined> {
  return selectInitiativeRows(db).where('i.id', '=', id).executeTakeFirst();
}

export async function findMembers(db: DbOrTrx, initiativeId: string) {
  return db
    .selectFrom('initiative_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'm.added_at', 'u.name', 'u.side', 'u.department'])
    .where('m.initiative_id', '=', initiativeId)
    .orderBy('u.name')
    .execute();
}

export async function findMemberRole(db: DbOrTrx, initiativeId: string, userId: string) {
  const row = await db
    .selectFrom('initiative_members')
    .select('role')
    .where('initiative_id', '=', initiativeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

/** Departments of the given initiatives and of people (people are visible to everyone). */
export async function distinctDepartments(db: DbOrTrx, readable: ReadableIds): Promise<string[]> {
  const a = await db
    .selectFrom('initiatives')
    .select('department')
    .where('id', 'in', readable)
    .distinct()
    .execute();
  const b = await db
    .selectFrom('users')
    .select('department')
    .where('department', 'is not', null)
    .distinct()
    .execute();
  const all = new Set<string>();
  for (const r of [...a, ...b]) if (r.department) all.add(r.department);
  return [...all].sort((x, y) => x.localeCompare(y));
}

/** True once a handoff of the initiative was submitted: from then on handoffs move the stage. */
export const stageByHandoffs = async (db: DbOrTrx, initiativeId: string): Promise<boolean> =>
  (await db
    .selectFrom('handoffs')
    .select('id')
    .where('initiative_id', '=', initiativeId)
    .where('submitted_at', 'is not', null)
    .executeTakeFirst()) !== undefined;
