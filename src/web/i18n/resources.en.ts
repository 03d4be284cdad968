import { en as adminEn } from '../modules/admin/messages.en.js';
import { en as authEn } from '../modules/auth/messages.en.js';
import { en as conversationEn } from '../modules/conversation/messages.en.js';
import { en as channelsEn } from '../modules/channels/messages.en.js';
import { en as demosEn } from '../modules/demos/messages.en.js';
import { en as deskEn } from '../modules/desk/messages.en.js';
import { en as goalsEn } from '../modules/goals/messages.en.js';
import { en as healthEn } from '../modules/health/messages.en.js';
import { en as handoffsEn } from '../modules/handoffs/messages.en.js';
import { en as initiativesEn } from '../modules/initiatives/messages.en.js';
import { en as metricsEn } from '../modules/metrics/messages.en.js';
import { en as privacyEn } from '../modules/privacy/messages.en.js';
import { en as profileEn } from '../modules/profile/messages.en.js';
import { en as sharedEn } from './messages.en.js';

/*
 * The English messages of every module, merged: their own chunk in the browser's build, loaded
 * only when the app speaks English (i18n/index.ts). Each module owns its top-level keys
 * (`goals.…`, `handoffs.…`), so the keys in `t('…')` calls read as before; the shared file holds
 * what several modules and the common components use. A test checks that no two files claim the
 * same top-level key, that none is left out here, and that every key is used.
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
  ...conversationEn,
  ...privacyEn,
  ...channelsEn,
};
