import type {
  ChecklistItem,
  CreateStageBody,
  Stage,
  UpdateStageBody,
} from '../../../contracts/stages.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { StagesTable } from '../../db/schema.js';
import { conflict, invalidField, notFound } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import { DEFAULT_STAGES } from './default-stages.js';

type StageRow = StagesTable;

const present = (row: StageRow, initiativeCount: number): Stage => ({
  id: row.id,
  key: row.key,
  nameEn: row.name_en,
  nameDe: row.name_de,
  position: row.position,
  owningSide: row.owning_side,
  checklist: JSON.parse(row.checklist) as ChecklistItem[],
  initiativeCount,
  updatedAt: row.updated_at,
});

const auditView = (s: Stage) => ({
  nameEn: s.nameEn,
  nameDe: s.nameDe,
  position: s.position,
  owningSide: s.owningSide,
  checklist: s.checklist,
});

const slug = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40) || 'item';

/**
 * Gives new checklist items a stable id derived from the label; keeps existing ids. Used for
 * stage checklists and the high-risk checklist; `field` names the list in errors.
 */
export function normaliseChecklist(
  items: { id?: string | undefined; labelEn: string; labelDe: string }[],
  field = 'checklist',
): ChecklistItem[] {
  const seen = new Set<string>();
  return items.map((item, index) => {
    let id = item.id ?? slug(item.labelEn);
    if (seen.has(id)) {
      if (item.id) throw invalidField(`${field}/${index}/id`, 'is used twice', 'duplicate');
      let n = 2;
      while (seen.has(`${id}_${n}`)) n += 1;
      id = `${id}_${n}`;
    }
    seen.add(id);
    return { id, labelEn: item.labelEn, labelDe: item.labelDe };
  });
}

/**
 * The stages in order, each with how many initiatives are in it: all of them, or with
 * `reader` only those that person may read (members-only initiatives are not even counted).
 */
export async function listStages(
  db: DbOrTrx,
  reader?: Pick<Actor, 'id' | 'role'>,
): Promise<Stage[]> {
  const rows = await db.selectFrom('stages').selectAll().orderBy('position').execute();
  let count = db
    .selectFrom('initiatives')
    .select(['stage_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('stage_id');
  if (reader) count = count.where('id', 'in', readableInitiativeIds(db, reader));
  const counts = await count.execute();
  const byStage = new Map(counts.map((c) => [c.stage_id, Number(c.n)]));
  return rows.map((r) => present(r, byStage.get(r.id) ?? 0));
}

export async function getStage(db: DbOrTrx, id: string): Promise<Stage> {
  const stage = (await listStages(db)).find((s) => s.id === id);
  if (!stage) throw notFound('Stage');
  return stage;
}

/** Writes positions 0..n-1 in the given order. */
async function writeOrder(trx: DbOrTrx, ids: string[], at: string): Promise<void> {
  // Two passes keep positions unique-friendly should a unique index ever be added.
  for (const [i, id] of ids.entries()) {
    await trx
      .updateTable('stages')
      .set({ position: i, updated_at: at })
      .where('id', '=', id)
      .execute();
  }
}

/** Inserts the default lifecycle into a database without stages. */
export async function ensureDefaultStages(ctx: AppContext): Promise<boolean> {
  const now = ctx.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('stages').select('id').executeTakeFirst();
    if (any) return false;
    for (const [i, s] of DEFAULT_STAGES.entries()) {
      const id = newId();
      await trx
        .insertInto('stages')
        .values({
          id,
          key: s.key,
          name_en: s.nameEn,
          name_de: s.nameDe,
          position: i,
          owning_side: s.owningSide,
          checklist: JSON.stringify(s.checklist),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await record(trx, null, ctx.now(), entity('stage', id, null), 'stage.created', {
        after: { ...s, position: i },
      });
    }
    return true;
  });
}

export async function createStage(
  ctx: AppContext,
  actor: Actor,
  input: CreateStageBody,
): Promise<Stage> {
  const now = ctx.now();
  const id = newId();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const stages = await listStages(trx);
    const keyBase = slug(input.nameEn);
    let key = keyBase;
    for (let n = 2; stages.some((s) => s.key === key); n += 1) key = `${keyBase}_${n}`;
    const position = Math.min(input.position ?? stages.length, stages.length);
    const checklist = normaliseChecklist(input.checklist ?? []);
    await trx
      .insertInto('stages')
      .values({
        id,
        key,
        name_en: input.nameEn,
        name_de: input.nameDe,
        position: stages.length,
        owning_side: input.owningSide,
        checklist: JSON.stringify(checklist),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    const order = stages.map((s) => s.id);
    order.splice(position, 0, id);
    await writeOrder(trx, order, now.toISOString());
    const created = await getStage(trx, id);
    await record(trx, actor.id, now, entity('stage', id, null), 'stage.created', {
      after: auditView(created),
    });
    return created;
  });
}

export async function updateStage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: UpdateStageBody,
): Promise<Stage> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await getStage(trx, id);
    await trx
      .updateTable('stages')
      .set({
        ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
        ...(patch.nameDe !== undefined ? { name_de: patch.nameDe } : {}),
        ...(patch.owningSide !== undefined ? { owning_side: patch.owningSide } : {}),
        ...(patch.checklist !== undefined
          ? { checklist: JSON.stringify(normaliseChecklist(patch.checklist)) }
          : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const after = await getStage(trx, id);
    await record(trx, actor.id, now, entity('stage', id, null), 'stage.updated', {
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function reorderStages(
  ctx: AppContext,
  actor: Actor,
  ids: string[],
): Promise<Stage[]> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await listStages(trx);
    const known = new Set(before.map((s) => s.id));
    if (
      ids.length !== known.size ||
      new Set(ids).size !== ids.length ||
      ids.some((id) => !known.has(id))
    ) {
      throw invalidField('ids', 'must list every stage exactly once', 'not_a_permutation');
    }
    await writeOrder(trx, ids, now.toISOString());
    await record(trx, actor.id, now, entity('stage', 'order', null), 'stage.reordered', {
      before: before.map((s) => s.key),
      after: ids.map((id) => before.find((s) => s.id === id)?.key),
    });
    return listStages(trx);
  });
}

export async function deleteStage(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const stages = await listStages(trx);
    const stage = stages.find((s) => s.id === id);
    if (!stage) throw notFound('Stage');
    if (stage.initiativeCount > 0)
      throw conflict(
        `${stage.initiativeCount} initiative(s) are in this stage; move them first`,
        'stage_in_use',
      );
    if (stages.length === 1) throw conflict('The last stage cannot be deleted', 'last_stage');
    const used = await trx
      .selectFrom('stage_transitions')
      .select('id')
      .where((eb) => eb.or([eb('from_stage_id', '=', id), eb('to_stage_id', '=', id)]))
      .executeTakeFirst();
    const handedOver = await trx
      .selectFrom('handoffs')
      .select('id')
      .where((eb) => eb.or([eb('from_stage_id', '=', id), eb('to_stage_id', '=', id)]))
      .executeTakeFirst();
    if (used ?? handedOver)
      throw conflict(
        'Initiatives have passed through this stage; rename it instead of deleting it',
        'stage_has_history',
      );
    await trx.deleteFrom('stages').where('id', '=', id).execute();
    await writeOrder(
      trx,
      stages.filter((s) => s.id !== id).map((s) => s.id),
      now.toISOString(),
    );
    await record(trx, actor.id, now, entity('stage', id, null), 'stage.deleted', {
      before: auditView(stage),
    });
  });
}
