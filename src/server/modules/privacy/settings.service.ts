import type { PrivacySettings, UpdatePrivacySettingsBody } from '../../../contracts/privacy.js';
import {
  DEFAULT_RETENTION_DAYS,
  MIN_VOTES_FOR_AVERAGE,
  type RetentionKind,
} from '../../../domain/privacy.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { entity, record } from '../audit/audit.service.js';

const WORKS_COUNCIL = 'works_council_mode';
const RETENTION = 'retention_days';

async function setting(db: DbOrTrx, key: string) {
  return db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Works-council mode: anonymous votes, no figures per person, roles instead of names. */
export async function worksCouncilMode(db: DbOrTrx): Promise<boolean> {
  const row = await setting(db, WORKS_COUNCIL);
  return row ? JSON.parse(row.value) === true : false;
}

/** Fewest votes an average is shown from: 1, or 3 in works-council mode. */
export async function minVotesForAverage(db: DbOrTrx): Promise<number> {
  return (await worksCouncilMode(db)) ? MIN_VOTES_FOR_AVERAGE : 1;
}

export async function retentionDays(db: DbOrTrx): Promise<Record<RetentionKind, number | null>> {
  const row = await setting(db, RETENTION);
  return {
    ...DEFAULT_RETENTION_DAYS,
    ...(row ? (JSON.parse(row.value) as Partial<Record<RetentionKind, number | null>>) : {}),
  };
}

export async function loadPrivacySettings(db: DbOrTrx): Promise<PrivacySettings> {
  const [mode, retention] = await Promise.all([setting(db, WORKS_COUNCIL), setting(db, RETENTION)]);
  const times = [mode?.updated_at, retention?.updated_at].filter((x): x is string => !!x).sort();
  return {
    worksCouncilMode: await worksCouncilMode(db),
    retentionDays: await retentionDays(db),
    updatedAt: times.at(-1) ?? null,
  };
}

async function put(trx: DbOrTrx, key: string, value: unknown, actor: Actor, at: string) {
  const json = JSON.stringify(value);
  await trx
    .insertInto('settings')
    .values({ key, value: json, updated_by: actor.id, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: json, updated_by: actor.id, updated_at: at }),
    )
    .execute();
}

/** Changes works-council mode and retention periods (admin); each change is audited. */
export async function updatePrivacySettings(
  ctx: AppContext,
  actor: Actor,
  body: UpdatePrivacySettingsBody,
): Promise<PrivacySettings> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadPrivacySettings(trx);
    if (body.worksCouncilMode !== undefined && body.worksCouncilMode !== before.worksCouncilMode) {
      await put(trx, WORKS_COUNCIL, body.worksCouncilMode, actor, at);
      await record(
        trx,
        actor.id,
        now,
        entity('setting', WORKS_COUNCIL, null),
        'setting.works_council_changed',
        { before: before.worksCouncilMode, after: body.worksCouncilMode },
      );
    }
    if (body.retentionDays) {
      const after = { ...before.retentionDays, ...body.retentionDays };
      if (JSON.stringify(after) !== JSON.stringify(before.retentionDays)) {
        await put(trx, RETENTION, after, actor, at);
        await record(
          trx,
          actor.id,
          now,
          entity('setting', RETENTION, null),
          'setting.retention_changed',
          { before: before.retentionDays, after },
        );
      }
    }
  });
  return loadPrivacySettings(ctx.db.kysely);
}
