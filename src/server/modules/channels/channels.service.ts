import { randomBytes } from 'node:crypto';
import type {
  Channel,
  ChannelDelivery,
  ChannelTargetSettings,
  CreateChannelBody,
  CreatedChannel,
  UpdateChannelBody,
} from '../../../contracts/channels.js';
import { CreateChannelBody as CreateSchema } from '../../../contracts/channels.js';
import { canManage } from '../../../domain/access.js';
import { CHANNEL_TEST_EVENT } from '../../../domain/channels.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import { findSetting, saveSetting } from '../../db/settings.js';
import { updateVersioned } from '../../db/versioned.js';
import { publish } from '../../events/publish.js';
import { forbidden, invalidField, notFound } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import {
  type ChannelRow,
  findChannel,
  listChannelRows,
  listDeliveryRows,
} from './channels.repository.js';
import { presentChannel, presentDelivery, shortTarget } from './channels.presenter.js';
import { resolveTarget, TargetRefused, type TargetRules } from './targets.js';

const RULES_KEY = 'channel_targets';
const NO_RULES: TargetRules = { allowPrivateTargets: false, allowHttp: false };

/** The workspace's rules for channel targets (https only, no private addresses by default). */
export async function loadTargetRules(db: DbOrTrx): Promise<ChannelTargetSettings> {
  const row = await findSetting(db, RULES_KEY);
  if (!row) return { ...NO_RULES };
  const v = JSON.parse(row.value) as Partial<TargetRules>;
  return { allowPrivateTargets: v.allowPrivateTargets === true, allowHttp: v.allowHttp === true };
}

/** Admins allow (or forbid again) private and plain-http targets; recorded in the trail. */
export async function updateTargetRules(
  ctx: AppContext,
  actor: Actor,
  body: ChannelTargetSettings,
): Promise<ChannelTargetSettings> {
  const now = ctx.now();
  const at = now.toISOString();
  const value = JSON.stringify(body);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadTargetRules(trx);
    await saveSetting(trx, RULES_KEY, value, actor.id, at);
    await record(
      trx,
      actor.id,
      now,
      entity('setting', RULES_KEY, null),
      'setting.channel_targets_changed',
      { before, after: body },
    );
  });
  return loadTargetRules(ctx.db.kysely);
}

/** Admins manage workspace channels; owners and deputies (and admins) an initiative's. */
async function assertManages(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string | null,
): Promise<void> {
  if (initiativeId === null) {
    if (actor.role !== 'admin') throw forbidden('Only admins manage the workspace channels');
    return;
  }
  const { facts } = await loadReadable(ctx.db.kysely, actor, initiativeId);
  if (!canManage(actor, facts))
    throw forbidden("Only the initiative's owners and deputies manage its channels");
}

/** A channel the actor manages; 404 when they cannot read its initiative. */
async function loadManaged(ctx: AppContext, actor: Actor, id: string): Promise<ChannelRow> {
  const row = await findChannel(ctx.db.kysely, id);
  if (!row) throw notFound('Channel');
  if (row.initiative_id === null && actor.role !== 'admin') throw notFound('Channel');
  if (row.initiative_id !== null)
    await loadReadable(ctx.db.kysely, actor, row.initiative_id, 'Channel');
  await assertManages(ctx, actor, row.initiative_id);
  return row;
}

/** Refuses a target that is not https or points into the private network: 422 on `url`. */
async function checkTarget(ctx: AppContext, url: string): Promise<void> {
  try {
    await resolveTarget(url, await loadTargetRules(ctx.db.kysely));
  } catch (err) {
    if (err instanceof TargetRefused) throw invalidField('url', err.message, err.code);
    throw err;
  }
}

export async function listChannels(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string | null,
): Promise<Channel[]> {
  await assertManages(ctx, actor, initiativeId);
  return (await listChannelRows(ctx.db.kysely, initiativeId)).map(presentChannel);
}

const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export async function createChannel(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string | null,
  input: CreateChannelBody,
): Promise<CreatedChannel> {
  const body = CreateSchema.parse(input);
  await assertManages(ctx, actor, initiativeId);
  await checkTarget(ctx, body.url);
  const now = ctx.now();
  const at = now.toISOString();
  const secret = body.kind === 'webhook' ? newWebhookSecret() : null;
  const row: ChannelRow = {
    id: newId(),
    initiative_id: initiativeId,
    kind: body.kind,
    name: body.name,
    url: body.url,
    secret,
    events: JSON.stringify(body.events),
    language: body.language,
    enabled: body.enabled ? 1 : 0,
    version: 1,
    created_by: actor.id,
    created_at: at,
    updated_at: at,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('channels').values(row).execute();
    await record(trx, actor.id, now, entity('channel', row.id, initiativeId), 'channel.created', {
      after: audited(row),
    });
  });
  return { channel: presentChannel(row), secret };
}

/** What the trail keeps of a channel: never its secret nor the whole address. */
const audited = (row: ChannelRow) => ({
  kind: row.kind,
  name: row.name,
  target: shortTarget(row.url),
  events: JSON.parse(row.events) as string[],
  language: row.language,
  enabled: row.enabled === 1,
});

export async function updateChannel(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateChannelBody,
): Promise<Channel> {
  const row = await loadManaged(ctx, actor, id);
  if (body.url !== undefined && body.url !== row.url) await checkTarget(ctx, body.url);
  const now = ctx.now();
  const next: ChannelRow = {
    ...row,
    name: body.name ?? row.name,
    url: body.url ?? row.url,
    events: body.events ? JSON.stringify(body.events) : row.events,
    language: body.language ?? row.language,
    enabled: body.enabled === undefined ? row.enabled : body.enabled ? 1 : 0,
    version: row.version + 1,
    updated_at: now.toISOString(),
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await updateVersioned(
      trx.updateTable('channels').set({
        name: next.name,
        url: next.url,
        events: next.events,
        language: next.language,
        enabled: next.enabled,
        version: next.version,
        updated_at: next.updated_at,
      }),
      { id, version: body.version },
      'channel',
    );
    await record(trx, actor.id, now, entity('channel', id, row.initiative_id), 'channel.updated', {
      before: audited(row),
      after: audited(next),
    });
  });
  return presentChannel(next);
}

export async function deleteChannel(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await loadManaged(ctx, actor, id);
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('channels').where('id', '=', id).execute();
    await record(trx, actor.id, now, entity('channel', id, row.initiative_id), 'channel.deleted', {
      before: audited(row),
    });
  });
}

/**
 * "Send test": an event in the outbox, delivered like any other (after this request, with
 * retries); the attempt shows up in the channel's deliveries.
 */
export async function sendTest(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await loadManaged(ctx, actor, id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await publish(trx, {
      type: CHANNEL_TEST_EVENT,
      entityType: 'channel',
      entityId: row.id,
      initiativeId: row.initiative_id,
      actorId: actor.id,
      at: ctx.now(),
    });
  });
}

export async function listChannelDeliveries(
  ctx: AppContext,
  actor: Actor,
  id: string,
  limit: number,
): Promise<ChannelDelivery[]> {
  await loadManaged(ctx, actor, id);
  return (await listDeliveryRows(ctx.db.kysely, id, limit)).map(presentDelivery);
}

/** Every channel's latest attempts (admins). */
export async function listAllDeliveries(
  ctx: AppContext,
  limit: number,
): Promise<ChannelDelivery[]> {
  return (await listDeliveryRows(ctx.db.kysely, null, limit)).map(presentDelivery);
}
