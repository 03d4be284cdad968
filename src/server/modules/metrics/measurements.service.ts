import type {
  CreateMeasurementBody,
  Measurement,
  UpdateMeasurementBody,
} from '../../../contracts/metrics.js';
import { canEdit } from '../../../domain/access.js';
import { valueRangeProblem } from '../../../domain/csv-cells.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { insertPoints, recomputeDays } from './ingest.js';
import { measurementsStored } from './measurement-hooks.service.js';
import type { MetricRow } from './metrics.repository.js';
import { loadMetric } from './metrics.service.js';
import { knownPerson } from '../../../domain/people.js';
import type { MeasurementsTable } from '../../db/schema.js';

export const rules = (r: MetricRow) => ({
  valueType: r.value_type,
  minValue: r.min_value,
  maxValue: r.max_value,
});

function selectMeasurements(ctx: AppContext, metricId: string) {
  return ctx.db.kysely
    .selectFrom('measurements as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .select([
      'm.id',
      'm.at',
      'm.value',
      'm.note',
      'm.source',
      'm.created_at',
      'm.created_by',
      'u.name',
      'u.side',
      'u.department',
    ])
    .where('m.metric_id', '=', metricId);
}

type MeasurementRow = Awaited<
  ReturnType<ReturnType<typeof selectMeasurements>['executeTakeFirstOrThrow']>
>;

/** Any stored epoch as ISO-8601: times beyond what a Date holds show as its last instant. */
const isoOf = (ms: number): string =>
  new Date(Math.max(-8.64e15, Math.min(8.64e15, ms))).toISOString();

const presentMeasurement = (r: MeasurementRow): Measurement => ({
  id: r.id,
  at: isoOf(Number(r.at)),
  value: r.value,
  note: r.note,
  source: r.source,
  createdAt: isoOf(Number(r.created_at)),
  createdBy: knownPerson(r.created_by, r.name, r.side, r.department),
});

/**
 * Raw measurements, newest first, paged by a cursor (the id of the last row seen), so that
 * values sharing one instant are never skipped at a page boundary.
 */
export async function listMeasurements(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<Measurement[]> {
  await loadMetric(ctx.db.kysely, actor, metricId);
  let q = selectMeasurements(ctx, metricId);
  if (query.cursor) {
    const c = await ctx.db.kysely
      .selectFrom('measurements')
      .select(['at', 'id'])
      .where('id', '=', query.cursor)
      .where('metric_id', '=', metricId)
      .executeTakeFirst();
    if (!c) {
      throw new AppError(400, 'validation_failed', 'cursor: is not a measurement of this metric', [
        { pointer: '/querystring/cursor', message: 'is not a measurement of this metric' },
      ]);
    }
    q = q.where((eb) =>
      eb.or([eb('m.at', '<', c.at), eb.and([eb('m.at', '=', c.at), eb('m.id', '<', c.id)])]),
    );
  }
  const rows = await q.orderBy('m.at', 'desc').orderBy('m.id', 'desc').limit(query.limit).execute();
  return rows.map(presentMeasurement);
}

const toMs = (at: string | number): number => (typeof at === 'number' ? at : Date.parse(at));

export async function loadWritable(ctx: AppContext, actor: Actor, metricId: string) {
  const loaded = await loadMetric(ctx.db.kysely, actor, metricId);
  if (!canEdit(actor, loaded.access.facts))
    throw forbidden('Only owners, deputies and contributors of this initiative enter data');
  return loaded;
}

/** A value entered by hand. Source "manual"; one value per metric and instant. */
export async function createMeasurement(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  body: CreateMeasurementBody,
): Promise<Measurement> {
  const { row } = await loadWritable(ctx, actor, metricId);
  const problem = valueRangeProblem(body.value, rules(row));
  if (problem) throw invalidField('value', problem, 'out_of_range');
  const at = toMs(body.at);
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { stored } = await insertPoints(
      ctx.db,
      trx,
      [
        {
          metricId,
          at,
          value: body.value,
          note: body.note ?? null,
          source: 'manual',
          idempotencyKey: null,
          createdBy: actor.id,
          tokenId: null,
        },
      ],
      now.getTime(),
    );
    if (stored === 0)
      throw conflict(
        'There is already a value entered by hand at this time; correct that one instead.',
        'duplicate_measurement',
      );
    await measurementsStored(trx, [metricId], now);
    await record(trx, actor.id, now, entity('metric', row), 'measurement.created', {
      after: {
        at: new Date(at).toISOString(),
        value: body.value,
        note: body.note ?? null,
        source: 'manual',
      },
    });
  });
  const created = await selectMeasurements(ctx, metricId)
    .where('m.at', '=', at)
    .where('m.source', '=', 'manual')
    .executeTakeFirst();
  if (!created) throw new Error('measurement vanished after insert');
  return presentMeasurement(created);
}

async function findMeasurement(ctx: AppContext, metricId: string, id: string) {
  const m = await ctx.db.kysely
    .selectFrom('measurements')
    .selectAll()
    .where('id', '=', id)
    .where('metric_id', '=', metricId)
    .executeTakeFirst();
  if (!m) throw notFound('Measurement');
  return m;
}

/** A stored value as the trail records it. */
const trailView = (m: MeasurementsTable) => ({
  id: m.id,
  at: isoOf(Number(m.at)),
  value: m.value,
  note: m.note,
  source: m.source,
});

/** Corrects a value or note; the audit trail keeps the old one. */
export async function updateMeasurement(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  id: string,
  body: UpdateMeasurementBody,
): Promise<void> {
  const { row } = await loadWritable(ctx, actor, metricId);
  const before = await findMeasurement(ctx, metricId, id);
  if (body.value !== undefined) {
    const problem = valueRangeProblem(body.value, rules(row));
    if (problem) throw invalidField('value', problem, 'out_of_range');
  }
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('measurements')
      .set({
        ...(body.value !== undefined ? { value: body.value } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
      })
      .where('id', '=', id)
      .execute();
    await recomputeDays(trx, metricId, [Number(before.at)]);
    await measurementsStored(trx, [metricId], now);
    await record(trx, actor.id, now, entity('metric', row), 'measurement.corrected', {
      before: trailView(before),
      after: trailView({
        ...before,
        value: body.value ?? before.value,
        note: body.note !== undefined ? body.note : before.note,
      }),
    });
  });
}

export async function deleteMeasurement(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  id: string,
): Promise<void> {
  const { row } = await loadWritable(ctx, actor, metricId);
  const before = await findMeasurement(ctx, metricId, id);
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('measurements').where('id', '=', id).execute();
    await recomputeDays(trx, metricId, [Number(before.at)]);
    await record(trx, actor.id, now, entity('metric', row), 'measurement.deleted', {
      before: trailView(before),
    });
  });
}
