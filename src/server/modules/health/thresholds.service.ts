import { createHash } from 'node:crypto';
/**
 * The health thresholds: the defaults with the admin's stored overrides, read for every
 * computation and changed (audited) by an admin.
 */
import {
  HealthThresholdOverridesSchema,
  type HealthThresholdSettings,
  thresholdsTag,
} from '../../../contracts/health-thresholds.js';
import {
  applyThresholdOverrides,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholdOverrides,
  type HealthThresholds,
} from '../../../domain/health.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { dialectOf, lockWrite } from '../../db/dialect.js';
import { invalidFields, versionConflict } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { findThresholdSetting, saveThresholdSetting } from './thresholds.repository.js';

/** The thresholds in use: the defaults with the admin's stored overrides. */
export async function loadThresholds(db: DbOrTrx): Promise<HealthThresholds> {
  return thresholdsOf((await findThresholdSetting(db))?.value);
}

/** The thresholds from the stored overrides' JSON (undefined: none stored). */
export function thresholdsOf(value: string | undefined): HealthThresholds {
  if (value === undefined) return DEFAULT_HEALTH_THRESHOLDS;
  const parsed = HealthThresholdOverridesSchema.safeParse(JSON.parse(value));
  // A stored setting was validated when written; should a later release tighten a bound,
  // the defaults apply rather than failing every page.
  return parsed.success ? applyThresholdOverrides(parsed.data) : DEFAULT_HEALTH_THRESHOLDS;
}

export async function getThresholdSettings(ctx: AppContext): Promise<HealthThresholdSettings> {
  return settingsOf(await findThresholdSetting(ctx.db.kysely));
}

/**
 * A state of the thresholds: when saved and a hash of what (two saves in one millisecond, or
 * a clock set back, still differ by their values), or "defaults" while none are stored.
 */
const tagOf = (row: { value: string; updated_at: string } | undefined): string =>
  row
    ? `${row.updated_at}~${createHash('sha256').update(row.value).digest('base64url').slice(0, 16)}`
    : 'defaults';

function settingsOf(
  row: { value: string; updated_at: string } | undefined,
): HealthThresholdSettings {
  const overrides = row ? (JSON.parse(row.value) as HealthThresholdOverrides) : {};
  return {
    overrides: overrides as HealthThresholdSettings['overrides'],
    effective: thresholdsOf(row?.value) as HealthThresholdSettings['effective'],
    defaults: DEFAULT_HEALTH_THRESHOLDS as HealthThresholdSettings['defaults'],
    updatedAt: row?.updated_at ?? null,
    tag: tagOf(row),
  };
}

/**
 * Stores an admin's overrides (any subset; `{}` restores the defaults), audited. With
 * `ifMatch` (the tag of the thresholds the admin read), only if nobody saved others since:
 * 409 `version_conflict` otherwise. Saves run one at a time, each reading the one before.
 */
export async function updateThresholdSettings(
  ctx: AppContext,
  actor: Actor,
  body: unknown,
  ifMatch?: string,
): Promise<HealthThresholdSettings> {
  const parsed = HealthThresholdOverridesSchema.safeParse(body);
  if (!parsed.success)
    throw invalidFields(
      parsed.error.issues.flatMap((i) => {
        const code =
          i.code === 'too_small' || i.code === 'too_big'
            ? 'out_of_range'
            : i.code === 'custom'
              ? 'range'
              : 'invalid';
        // Each unknown key a problem of its own, named by its own pointer.
        const paths =
          i.code === 'unrecognized_keys'
            ? i.keys.map((k) => [...i.path.map(String), k])
            : [i.path.map(String)];
        return paths.map(
          (path) => ({ pointer: `/body/${path.join('/')}`, message: i.message, code }) as const,
        );
      }),
    );
  const now = ctx.now();
  // What this save stored, answered as it is (a save by another admin right after would
  // otherwise be shown as this one's).
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await lockWrite[dialectOf(trx)](trx, 'setting', 'health_thresholds');
    const before = await findThresholdSetting(trx);
    if (ifMatch !== undefined && ifMatch.replace(/^W\//, '') !== thresholdsTag(tagOf(before)))
      throw versionConflict('health thresholds');
    const value = JSON.stringify(parsed.data);
    await saveThresholdSetting(trx, value, actor.id, now.toISOString());
    await record(
      trx,
      actor.id,
      now,
      entity('setting', 'health_thresholds', null),
      'setting.health_thresholds_changed',
      { before: before ? JSON.parse(before.value) : {}, after: parsed.data },
    );
    return settingsOf({ value, updated_at: now.toISOString() });
  });
}
