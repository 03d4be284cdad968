import { de as adminDe } from '../modules/admin/messages.de.js';
import { de as authDe } from '../modules/auth/messages.de.js';
import { de as conversationDe } from '../modules/conversation/messages.de.js';
import { de as channelsDe } from '../modules/channels/messages.de.js';
import { de as demosDe } from '../modules/demos/messages.de.js';
import { de as deskDe } from '../modules/desk/messages.de.js';
import { de as goalsDe } from '../modules/goals/messages.de.js';
import { de as healthDe } from '../modules/health/messages.de.js';
import { de as handoffsDe } from '../modules/handoffs/messages.de.js';
import { de as initiativesDe } from '../modules/initiatives/messages.de.js';
import { de as metricsDe } from '../modules/metrics/messages.de.js';
import { de as privacyDe } from '../modules/privacy/messages.de.js';
import { de as profileDe } from '../modules/profile/messages.de.js';
import { de as sharedDe } from './messages.de.js';
import type { en } from './resources.en.js';
import type { Translation } from './types.js';

/*
 * The German messages of every module, merged: their own chunk in the browser's build, loaded
 * only when the app speaks German (i18n/index.ts).
 */

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
  ...conversationDe,
  ...privacyDe,
  ...channelsDe,
};
