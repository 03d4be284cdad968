import type { PrivacySettings, UpdatePrivacySettingsBody } from '../../../contracts/privacy.js';
import {
  DEFAULT_RETENTION_DAYS,
  MIN_VOTES_FOR_AVERAGE,
  type RetentionKind,
} from '../../../domain/privacy.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { findSetting, saveSetting } from '../../db/settings.js';
import { entity, record } from '../audit/audit.service.js';

const WORKS_COUNCIL = 'works_council_mode';
const RETENTION = 'retention_days';

/** Works-council mode: anonymous votes, no figures per person, roles instead of names. */
export async function worksCouncilMode(db: DbOrTrx): Promise<boolean> {
  const row = await findSetting(db, WORKS_COUNCIL);
  return row ? JSON.parse(row.value) === true : false;
}

/** Fewest votes an average is shown from: 1, or 3 in works-council mode. */
export async function minVotesForAverage(db: DbOrTrx): Promise<number> {
  return (await worksCouncilMode(db)) ? MIN_VOTES_FOR_AVERAGE : 1;
}

export async function retentionDays(db: DbOrTrx): Promise<Record<RetentionKind, number | null>> {
  const row = await findSetting(db, RETENTION);
  return {
    ...DEFAULT_RETENTION_DAYS,
    ...(row ? (JSON.parse(row.value) as Partial<Record<RetentionKind, number | null>>) : {}),
  };
}

export async function loadPrivacySettings(db: DbOrTrx): Promise<PrivacySettings> {
  const [mode, retention] = await Promise.all([
    findSetting(db, WORKS_COUNCIL),
    findSetting(db, RETENTION),
  ]);
  const times = [mode?.updated_at, retention?.updated_at].filter((x): x is string => !!x).sort();
  return {
    worksCouncilMode: await worksCouncilMode(db),
    retentionDays: await retentionDays(db),
    updatedAt: times.at(-1) ?? null,
  };
}

const put = (trx: DbOrTrx, key: string, value: unknown, actor: Actor, at: string) =>
  saveSetting(trx, key, JSON.stringify(value), actor.id, at);

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
