/** Setting an initiative's demo cadence. */
import type { DemoOverview, SetCadenceBody } from '../../../contracts/demos.js';
import { canEdit } from '../../../domain/access.js';
import { CadenceError, type CadenceRule, validateRule } from '../../../domain/cadence.js';
import { localDay } from '../../../domain/periods.js';
import { canonicalTimeZone, isTimeZone } from '../../../domain/time-zones.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { DemoCadencesTable } from '../../db/schema.js';
import { type FieldError, forbidden, invalidFields, versionConflict } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { findCadence, assertMembers } from './demos.repository.js';
import { getOverview } from './overview.service.js';
import { ruleOf } from './demos.presenter.js';
import { ensureOccurrences } from './schedule.service.js';
import { updateVersioned } from '../../db/versioned.js';

async function loadEditableInitiative(db: DbOrTrx, actor: Actor, initiativeId: string) {
  const access = await loadReadable(db, actor, initiativeId);
  if (!canEdit(actor, access.facts))
    throw forbidden('Only owners, deputies and contributors of this initiative run its demos');
  return access;
}

export async function setCadence(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: SetCadenceBody,
): Promise<DemoOverview> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await loadEditableInitiative(trx, actor, initiativeId);
    const existing = await findCadence(trx, initiativeId);
    if (existing && body.version !== existing.version) throw versionConflict('demo cadence');
    const timeZone = canonicalTimeZone(body.timeZone ?? 'Europe/Berlin');
    const rule: CadenceRule = {
      interval: body.interval,
      weekday: body.weekday,
      weekOfMonth: body.weekOfMonth ?? null,
      time: body.time,
      durationMinutes: body.durationMinutes ?? 60,
      timeZone,
      startsOn: body.startsOn ?? localDay(now.getTime(), safeZone(timeZone)),
    };
    try {
      validateRule(rule);
    } catch (e) {
      if (e instanceof CadenceError)
        throw invalidFields(
          e.problems.map((p) => ({
            pointer: `/body/${p.field}`,
            message: p.message,
            code: p.code,
          })),
        );
      throw e;
    }
    const inviteeIds = [...new Set(body.inviteeIds ?? [])];
    const errors: FieldError[] = [];
    await assertMembers(
      trx,
      initiativeId,
      [
        ['/body/presenterId', body.presenterId],
        ...inviteeIds.map((id, i): [string, string] => [`/body/inviteeIds/${i}`, id]),
      ],
      errors,
    );
    if (errors.length) throw invalidFields(errors);
    const at = now.toISOString();
    const values = {
      repeat_interval: rule.interval,
      weekday: rule.weekday,
      week_of_month: rule.weekOfMonth,
      local_time: rule.time,
      duration_minutes: rule.durationMinutes,
      time_zone: rule.timeZone,
      starts_on: rule.startsOn,
      location: body.location ?? '',
      presenter_id: body.presenterId ?? null,
      invitee_ids: JSON.stringify(inviteeIds),
      updated_at: at,
    };
    let cadence: DemoCadencesTable;
    if (existing) {
      cadence = { ...existing, ...values, version: existing.version + 1 };
      await updateVersioned(
        trx.updateTable('demo_cadences').set(cadence),
        { id: existing.id, version: existing.version },
        'demo cadence',
      );
      // Untouched future occurrences follow the new rule; moved, cancelled and past ones stay.
      await trx
        .deleteFrom('demo_occurrences')
        .where('cadence_id', '=', existing.id)
        .where('state', '=', 'planned')
        .where('moved', '=', 0)
        .where('starts_at', '>', at)
        .execute();
    } else {
      cadence = {
        id: newId(),
        initiative_id: initiativeId,
        ...values,
        version: 1,
        created_by: actor.id,
        created_at: at,
      };
      await trx.insertInto('demo_cadences').values(cadence).execute();
    }
    await ensureOccurrences(trx, cadence, now);
    await record(
      trx,
      actor.id,
      now,
      entity('demo_cadence', cadence.id, initiativeId),
      existing ? 'demo_cadence.updated' : 'demo_cadence.created',
      {
        before: existing ? { ...ruleOf(existing), location: existing.location } : undefined,
        after: { ...rule, location: cadence.location, presenterId: cadence.presenter_id },
      },
    );
  });
  return getOverview(ctx, actor, initiativeId);
}

const safeZone = (tz: string): string => (isTimeZone(tz) ? tz : 'UTC');
