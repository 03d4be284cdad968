import type { ApiToken, CreatedToken, PushBody, PushResult } from '../../../contracts/metrics.js';
import { canManage } from '../../../domain/access.js';
import { valueRangeProblem } from '../../../domain/csv-cells.js';
import type { Actor, AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import {
  AppError,
  type FieldError,
  forbidden,
  notFound,
  unauthorized,
} from '../../http/problems.js';
import { checkAccess } from '../../http/security.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { hashSecret, newSecret } from '../../secrets.js';
import { insertPoints, type NewPoint, type ReplacingPoint, replaceStored } from './ingest.js';
import { measurementsStored } from './measurement-hooks.service.js';
import { knownPerson } from '../../../domain/people.js';

/**
 * API tokens let machines push measurements into one initiative's metrics. Only the hash
 * is stored; the secret is shown once. Owners and deputies create, list and revoke them.
 */
const TOKEN_PREFIX = 'tdm_';

async function loadManaged(ctx: AppContext, actor: Actor, initiativeId: string) {
  const access = await loadReadable(ctx.db.kysely, actor, initiativeId);
  if (!canManage(actor, access.facts))
    throw forbidden('Only the owners and deputies manage API tokens');
  return access;
}

export async function listTokens(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
): Promise<ApiToken[]> {
  await loadManaged(ctx, actor, initiativeId);
  const rows = await ctx.db.kysely
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select([
      't.id',
      't.name',
      't.prefix',
      't.created_at',
      't.last_used_at',
      't.revoked_at',
      't.created_by',
      'u.name as user_name',
      'u.side',
      'u.department',
    ])
    .where('t.initiative_id', '=', initiativeId)
    .orderBy('t.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    createdBy: knownPerson(r.created_by, r.user_name, r.side, r.department),
  }));
}

export async function createToken(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  name: string,
): Promise<CreatedToken> {
  await loadManaged(ctx, actor, initiativeId);
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  const id = newId();
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        initiative_id: initiativeId,
        name,
        prefix: secret.slice(0, 10),
        token_hash: hashSecret(secret),
        created_by: actor.id,
        created_at: now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await record(trx, actor.id, now, entity('api_token', id, initiativeId), 'api_token.created', {
      after: { name, prefix: secret.slice(0, 10) },
    });
  });
  const token = (await listTokens(ctx, actor, initiativeId)).find((t) => t.id === id);
  if (!token) throw new Error('token vanished after insert');
  return { token, secret };
}

export async function revokeToken(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  tokenId: string,
): Promise<void> {
  await loadManaged(ctx, actor, initiativeId);
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const token = await trx
      .selectFrom('api_tokens')
      .select(['id', 'name', 'revoked_at'])
      .where('id', '=', tokenId)
      .where('initiative_id', '=', initiativeId)
      .executeTakeFirst();
    if (!token) throw notFound('Token');
    if (token.revoked_at) return;
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', tokenId)
      .execute();
    await record(
      trx,
      actor.id,
      now,
      entity('api_token', tokenId, initiativeId),
      'api_token.revoked',
      { before: { name: token.name } },
    );
  });
}

/** Resolves `Authorization: Bearer …` to an active token; 401 otherwise. */
export async function authenticateToken(ctx: AppContext, header: string | undefined) {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const secret = match?.[1];
  if (!secret) throw unauthorized('Send an API token as "Authorization: Bearer <token>"');
  // Fails closed: a lookup that throws answers 403 (503 without a database), never 500.
  return checkAccess('initiative token', async () => {
    const token = await ctx.db.kysely
      .selectFrom('api_tokens')
      .select(['id', 'initiative_id', 'name', 'revoked_at', 'last_used_at'])
      .where('token_hash', '=', hashSecret(secret))
      .executeTakeFirst();
    if (!token || token.revoked_at) throw unauthorized('This API token is unknown or was revoked');
    return token;
  });
}

/**
 * A batch of points from a machine: validated whole first (every bad item named), then
 * written in one transaction. Duplicates are skipped, so retries are safe.
 */
export async function pushMeasurements(
  ctx: AppContext,
  authorization: string | undefined,
  body: PushBody,
): Promise<PushResult> {
  const token = await authenticateToken(ctx, authorization);
  const metricIds = [...new Set(body.points.map((p) => p.metricId))];
  const metrics = new Map<
    string,
    {
      initiative_id: string;
      value_type: 'decimal' | 'integer';
      min_value: number | null;
      max_value: number | null;
    }
  >();
  for (let i = 0; i < metricIds.length; i += 500) {
    const rows = await ctx.db.kysely
      .selectFrom('metrics')
      .select(['id', 'initiative_id', 'value_type', 'min_value', 'max_value'])
      .where('id', 'in', metricIds.slice(i, i + 500))
      .execute();
    for (const r of rows) metrics.set(r.id, r);
  }
  const foreign = metricIds.filter(
    (id) => metrics.has(id) && metrics.get(id)?.initiative_id !== token.initiative_id,
  );
  if (foreign.length)
    throw new AppError(
      403,
      'token_scope',
      `This token may only write metrics of its own initiative; not: ${foreign.slice(0, 5).join(', ')}`,
    );
  const errors: FieldError[] = [];
  const points: NewPoint[] = [];
  const replacing: ReplacingPoint[] = [];
  const defaultSource = `api:${token.name}`;
  for (const [i, p] of body.points.entries()) {
    const metric = metrics.get(p.metricId);
    if (!metric) {
      errors.push({
        pointer: `/body/points/${i}/metricId`,
        message: 'is not a known metric',
        code: 'unknown_metric',
      });
      continue;
    }
    const problem = valueRangeProblem(p.value, {
      valueType: metric.value_type,
      minValue: metric.min_value,
      maxValue: metric.max_value,
    });
    if (problem)
      errors.push({ pointer: `/body/points/${i}/value`, message: problem, code: 'out_of_range' });
    const at = typeof p.at === 'number' ? p.at : Date.parse(p.at);
    if (Number.isNaN(at))
      errors.push({
        pointer: `/body/points/${i}/at`,
        message: 'is not a valid timestamp',
        code: 'invalid_timestamp',
      });
    const point: NewPoint = {
      metricId: p.metricId,
      at,
      value: p.value,
      note: p.note ?? null,
      source: p.source ?? defaultSource,
      idempotencyKey: p.idempotencyKey ?? null,
      createdBy: null,
      tokenId: token.id,
    };
    if ((p.mode ?? body.mode) === 'replace')
      replacing.push({ ...point, noteGiven: p.note !== undefined });
    else points.push(point);
  }
  if (errors.length) {
    throw new AppError(
      422,
      'validation_failed',
      `${errors.length} point(s) are invalid; nothing was stored. First: ${errors[0]?.pointer ?? ''}: ${errors[0]?.message ?? ''}`,
      errors.slice(0, 1000),
    );
  }
  const now = ctx.now();
  const received = points.length + replacing.length;
  const { stored, replaced } = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { corrections, unmatched } = await replaceStored(trx, metricIds, replacing);
    const { stored: n } = await insertPoints(ctx.db, trx, [...points, ...unmatched], now.getTime());
    for (const c of corrections) {
      const metric = metrics.get(c.metricId);
      if (!metric) continue;
      await record(
        trx,
        null,
        now,
        entity('metric', c.metricId, metric.initiative_id),
        'measurement.replaced',
        {
          before: { ...c.before, at: new Date(c.before.at).toISOString() },
          after: {
            id: c.before.id,
            at: new Date(c.before.at).toISOString(),
            value: c.value,
            note: c.note,
            source: c.before.source,
            token: token.name,
          },
        },
      );
    }
    // Written at most once a minute per token: a busy token does not rewrite its row per batch.
    if (!token.last_used_at || now.getTime() - Date.parse(token.last_used_at) > 60_000) {
      await trx
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', token.id)
        .execute();
    }
    if (n > 0 || corrections.length > 0) await measurementsStored(trx, metricIds, now);
    if (n > 0) {
      await record(trx, null, now, entity('api_token', token), 'measurement.pushed', {
        after: {
          token: token.name,
          received,
          stored: n,
          metrics: metricIds.length,
        },
      });
    }
    return { stored: n, replaced: corrections.length };
  });
  return { received, stored, replaced, duplicates: received - stored - replaced };
}
