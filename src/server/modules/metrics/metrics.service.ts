import {
  type CreateMetricBody,
  DEFINITION_FIELDS,
  type Metric,
  type MetricDefinition,
  type MetricSummary,
  type UpdateMetricBody,
} from '../../../contracts/metrics.js';
import { canEdit } from '../../../domain/access.js';
import { needsNewVersion, type Side } from '../../../domain/agreement.js';
import { canonicalTimeZone } from '../../../domain/time-zones.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import {
  type FieldError,
  forbidden,
  invalidFields,
  notFound,
  versionConflict,
} from '../../http/problems.js';
import {
  addVersion,
  loadVersions,
  signerOf,
  signUnderLock,
} from '../agreements/agreements.service.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { sideMemberProblems } from '../initiatives/side-members.service.js';
import { rebuildAggregates } from './ingest.js';
import { findMetricRow, findMetricRows, latestValues } from './metrics.repository.js';
import { definitionOf, present, presentFull } from './metrics.presenter.js';
import { updateVersioned } from '../../db/versioned.js';

function validateDefinition(d: MetricDefinition): FieldError[] {
  const errors: FieldError[] = [];
  if (d.minValue !== null && d.maxValue !== null && d.minValue > d.maxValue) {
    errors.push({
      pointer: '/body/maxValue',
      message: 'must not be below the minimum',
      code: 'range',
    });
  }
  if (d.valueType === 'integer') {
    for (const key of ['minValue', 'maxValue'] as const) {
      const v = d[key];
      if (v !== null && !Number.isInteger(v))
        errors.push({
          pointer: `/body/${key}`,
          message: 'must be a whole number for a whole-number metric',
          code: 'integer',
        });
    }
  }
  return errors;
}

/** Metric owners: a business person and an IT person who are members of the initiative. */
const validateOwners = (
  db: DbOrTrx,
  initiativeId: string,
  businessOwnerId: string,
  itOwnerId: string,
) =>
  sideMemberProblems(db, initiativeId, [
    { field: 'businessOwnerId', id: businessOwnerId, side: 'business' },
    { field: 'itOwnerId', id: itOwnerId, side: 'it' },
  ]);

/** Loads a metric whose initiative the actor may read (404 otherwise). */
export async function loadMetric(db: DbOrTrx, actor: Actor, metricId: string) {
  const row = await findMetricRow(db, metricId);
  if (!row) throw notFound('Metric');
  const access = await loadReadable(db, actor, row.initiative_id, 'Metric');
  return { row, access };
}

export async function listMetrics(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
): Promise<MetricSummary[]> {
  const db = ctx.db.kysely;
  const access = await loadReadable(db, actor, initiativeId);
  const rows = await findMetricRows(db, initiativeId);
  const versions = await loadVersions<MetricDefinition>(
    db,
    'metric',
    rows.map((r) => r.id),
  );
  const latest = await latestValues(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(actor, r, versions.get(r.id) ?? [], latest.get(r.id), access));
}

/** A metric as its write left it, read again inside the writing transaction. */
async function presentWritten(
  trx: DbOrTrx,
  actor: Actor,
  id: string,
  access: Parameters<typeof presentFull>[3],
): Promise<Metric> {
  const row = await findMetricRow(trx, id);
  if (!row) throw new Error('metric vanished inside its own transaction');
  return presentFull(trx, actor, row, access);
}

export async function getMetric(ctx: AppContext, actor: Actor, metricId: string): Promise<Metric> {
  const { row, access } = await loadMetric(ctx.db.kysely, actor, metricId);
  return presentFull(ctx.db.kysely, actor, row, access);
}

export async function createMetric(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: CreateMetricBody,
): Promise<Metric> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const access = await loadReadable(trx, actor, initiativeId);
    if (!canEdit(actor, access.facts))
      throw forbidden('Only owners, deputies and contributors of this initiative define metrics');
    const definition: MetricDefinition = {
      name: body.name,
      description: body.description,
      dataSource: body.dataSource,
      unit: body.unit,
      valueType: body.valueType ?? 'decimal',
      minValue: body.minValue ?? null,
      maxValue: body.maxValue ?? null,
      direction: body.direction,
      aggregation: body.aggregation,
      period: body.period,
      timeZone: canonicalTimeZone(body.timeZone ?? 'Europe/Berlin'),
    };
    const errors = [
      ...validateDefinition(definition),
      ...(await validateOwners(trx, initiativeId, body.businessOwnerId, body.itOwnerId)),
    ];
    if (errors.length) throw invalidFields(errors);
    const id = newId();
    const at = now.toISOString();
    await trx
      .insertInto('metrics')
      .values({
        id,
        initiative_id: initiativeId,
        name: definition.name,
        description: definition.description,
        data_source: definition.dataSource,
        unit: definition.unit,
        value_type: definition.valueType,
        min_value: definition.minValue,
        max_value: definition.maxValue,
        direction: definition.direction,
        aggregation: definition.aggregation,
        period: definition.period,
        time_zone: definition.timeZone,
        business_owner_id: body.businessOwnerId,
        it_owner_id: body.itOwnerId,
        definition_version: 1,
        version: 1,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await addVersion(trx, { type: 'metric', id, initiativeId }, 1, definition, actor.id, now);
    await record(trx, actor.id, now, entity('metric', id, initiativeId), 'metric.created', {
      after: { ...definition, businessOwnerId: body.businessOwnerId, itOwnerId: body.itOwnerId },
    });
    return presentWritten(trx, actor, id, access);
  });
}

export async function updateMetric(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  body: UpdateMetricBody,
): Promise<Metric> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access } = await loadMetric(trx, actor, metricId);
    if (!canEdit(actor, access.facts))
      throw forbidden('Only owners, deputies and contributors of this initiative change metrics');
    if (body.version !== row.version) throw versionConflict('metric');
    const before = definitionOf(row);
    const after: MetricDefinition = { ...before };
    for (const key of DEFINITION_FIELDS) {
      const v = body[key];
      if (v !== undefined) (after as Record<string, unknown>)[key] = v;
    }
    // As stored: a zone sent in another spelling is the same zone, not a new definition.
    if (body.timeZone !== undefined) after.timeZone = canonicalTimeZone(body.timeZone);
    const businessOwnerId = body.businessOwnerId ?? row.business_owner_id;
    const itOwnerId = body.itOwnerId ?? row.it_owner_id;
    const errors = [
      ...validateDefinition(after),
      ...(await validateOwners(trx, row.initiative_id, businessOwnerId, itOwnerId)),
    ];
    if (errors.length) throw invalidFields(errors);
    const newVersion = needsNewVersion(before, after, DEFINITION_FIELDS);
    const definitionVersion = newVersion ? row.definition_version + 1 : row.definition_version;
    await updateVersioned(
      trx.updateTable('metrics').set({
        name: after.name,
        description: after.description,
        data_source: after.dataSource,
        unit: after.unit,
        value_type: after.valueType,
        min_value: after.minValue,
        max_value: after.maxValue,
        direction: after.direction,
        aggregation: after.aggregation,
        period: after.period,
        time_zone: after.timeZone,
        business_owner_id: businessOwnerId,
        it_owner_id: itOwnerId,
        definition_version: definitionVersion,
        version: row.version + 1,
        updated_at: now.toISOString(),
      }),
      { id: metricId, version: body.version },
      'metric',
    );
    if (newVersion)
      await addVersion(
        trx,
        { type: 'metric', id: metricId, initiativeId: row.initiative_id },
        definitionVersion,
        after,
        actor.id,
        now,
      );
    if (after.timeZone !== before.timeZone) await rebuildAggregates(trx, metricId);
    await record(
      trx,
      actor.id,
      now,
      entity('metric', row),
      newVersion ? 'metric.new_version' : 'metric.updated',
      {
        before: {
          ...before,
          businessOwnerId: row.business_owner_id,
          itOwnerId: row.it_owner_id,
          definitionVersion: row.definition_version,
        },
        after: { ...after, businessOwnerId, itOwnerId, definitionVersion },
      },
    );
    return presentWritten(trx, actor, metricId, access);
  });
}

export async function signMetric(
  ctx: AppContext,
  actor: Actor,
  metricId: string,
  version: number,
  side: Side,
): Promise<Metric> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access } = await loadMetric(trx, actor, metricId);
    await signUnderLock(
      trx,
      { type: 'metric', id: metricId, initiativeId: row.initiative_id },
      { ...signerOf(actor, access.facts.memberRole), actor },
      side,
      version,
      now,
    );
    return presentWritten(trx, actor, metricId, access);
  });
}
