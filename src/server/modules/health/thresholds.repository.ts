/** The admin's health threshold overrides, one row of `settings`. */
import type { DbOrTrx } from '../../db/connect.js';
import { findSetting, saveSetting } from '../../db/settings.js';

/** The health thresholds setting's key in `settings`. */
export const THRESHOLDS_KEY = 'health_thresholds';

export const findThresholdSetting = (db: DbOrTrx) => findSetting(db, THRESHOLDS_KEY);

export const saveThresholdSetting = (db: DbOrTrx, value: string, actorId: string, at: string) =>
  saveSetting(db, THRESHOLDS_KEY, value, actorId, at);
