import { de as adminDe } from '../modules/admin/messages.de.js';
import { en as adminEn } from '../modules/admin/messages.en.js';
import { de as authDe } from '../modules/auth/messages.de.js';
import { en as authEn } from '../modules/auth/messages.en.js';
import { de as demosDe } from '../modules/demos/messages.de.js';
import { en as demosEn } from '../modules/demos/messages.en.js';
import { de as deskDe } from '../modules/desk/messages.de.js';
import { en as deskEn } from '../modules/desk/messages.en.js';
import { de as goalsDe } from '../modules/goals/messages.de.js';
import { en as goalsEn } from '../modules/goals/messages.en.js';
import { de as healthDe } from '../modules/health/messages.de.js';
import { en as healthEn } from '../modules/health/messages.en.js';
import { de as handoffsDe } from '../modules/handoffs/messages.de.js';
import { en as handoffsEn } from '../modules/handoffs/messages.en.js';
import { de as initiativesDe } from '../modules/initiatives/messages.de.js';
import { en as initiativesEn } from '../modules/initiatives/messages.en.js';
import { de as metricsDe } from '../modules/metrics/messages.de.js';
import { en as metricsEn } from '../modules/metrics/messages.en.js';
import { de as profileDe } from '../modules/profile/messages.de.js';
import { en as profileEn } from '../modules/profile/messages.en.js';
import { de as sharedDe } from './messages.de.js';
import { en as sharedEn } from './messages.en.js';
import type { Translation } from './types.js';

/*
 * The message files of every module. Each module owns its top-level keys (`goals.…`,
 * `handoffs.…`), so the keys in `t('…')` calls read as before; the shared file holds what several
 * modules and the common components use. A test checks that no two files claim the same
 * top-level key, that none is left out here, and that every key is used.
 */

/** All English strings: the source language, and the type that `t('…')` keys are checked against. */
export const en = {
  ...sharedEn,
  ...authEn,
  ...profileEn,
  ...initiativesEn,
  ...metricsEn,
  ...goalsEn,
  ...handoffsEn,
  ...demosEn,
  ...adminEn,
  ...deskEn,
  ...healthEn,
};

/** All German strings; the type makes sure no module's German file is left out. */
export const de: Translation<typeof en> = {
  ...sharedDe,
  ...authDe,
  ...profileDe,
  ...initiativesDe,
  ...metricsDe,
  ...goalsDe,
  ...handoffsDe,
  ...demosDe,
  ...adminDe,
  ...deskDe,
  ...healthDe,
};
