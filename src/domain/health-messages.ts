/**
 * Health in plain words, German and English: one sentence per reason, labels for areas,
 * Ampel colours, owners' views and sides, and where each reason's link leads. Pure, so the
 * server (status reports in Markdown, emails) and the web use the same texts.
 *
 * The texts are plain text and contain user-given names (goal statements, handoff titles):
 * escape them for the target format (Markdown, HTML, CSV) where they are embedded.
 */
import { DE } from './health/messages-de.js';
import { EN, type ReasonTexts } from './health/messages-en.js';
import {
  AMPEL_LABELS,
  AREA_LABELS,
  createFmt,
  type Fmt,
  type HealthLanguage,
  OWNER_VIEW_LABELS,
  SIDE_LABELS,
} from './health/messages-format.js';
import type {
  Ampel,
  HealthArea,
  HealthLink,
  HealthReason,
  OwnerView,
  ReasonCode,
  ReasonParamsByCode,
  Side,
} from './health/types.js';

export type { HealthLanguage };
export { MAX_NAME_LENGTH } from './health/messages-format.js';

const TEXTS: Record<HealthLanguage, ReasonTexts> = { de: DE, en: EN };
const FMT: Record<HealthLanguage, Fmt> = { de: createFmt('de'), en: createFmt('en') };

/**
 * The sentence that explains one reason, e.g. "Demo overdue by 9 days (planned for
 * 1 Dec 2026, neither held nor skipped)." / "Demo seit 9 Tagen überfällig (…)."
 */
export function describeReason(reason: HealthReason, lang: HealthLanguage): string {
  const text = TEXTS[lang][reason.code] as (p: ReasonParamsByCode[ReasonCode], f: Fmt) => string;
  return text(reason.params, FMT[lang]);
}

/** "−25 Punkte" / "−25 points"; empty for the overall explanation (it deducts nothing). */
export function describeDeduction(reason: Pick<HealthReason, 'deduction'>, lang: HealthLanguage) {
  if (reason.deduction === 0) return '';
  const n = FMT[lang].num(reason.deduction, 0);
  return lang === 'de'
    ? `−${n} ${reason.deduction === 1 ? 'Punkt' : 'Punkte'}`
    : `−${n} ${reason.deduction === 1 ? 'point' : 'points'}`;
}

/** "Übergaben" / "Handoffs", "Einschätzung der Verantwortlichen" / "Owners’ view". */
export const areaLabel = (area: HealthArea | 'overall', lang: HealthLanguage): string =>
  AREA_LABELS[lang][area];

/** "Grün", "Gelb", "Rot" / "Green", "Amber", "Red". */
export const ampelLabel = (ampel: Ampel, lang: HealthLanguage): string => AMPEL_LABELS[lang][ampel];

/** "im Plan", "gefährdet", "nicht im Plan" / "on track", "at risk", "off track". */
export const ownerViewLabel = (view: OwnerView, lang: HealthLanguage): string =>
  OWNER_VIEW_LABELS[lang][view];

/** "Fachbereich", "IT" / "business side", "IT". */
export const sideLabel = (side: Side, lang: HealthLanguage): string => SIDE_LABELS[lang][side];

/**
 * A label as it starts a line, a heading or a table cell: "on track" → "On track",
 * "gefährdet" → "Gefährdet", "business side" → "Business side"; "IT" stays "IT".
 */
export const sentenceCase = (label: string): string =>
  label.charAt(0).toLocaleUpperCase() + label.slice(1);

/** "Übergaben: Gelb (75/100)" / "Handoffs: Amber (75/100)" — a cell's title or a report line. */
export function describeArea(
  area: { area: HealthArea | 'overall'; ampel: Ampel; score: number },
  lang: HealthLanguage,
): string {
  return `${areaLabel(area.area, lang)}: ${ampelLabel(area.ampel, lang)} (${FMT[lang].num(area.score, 0)}/100)`;
}

/**
 * The app path a reason's link opens (relative; prefix PUBLIC_URL for emails and reports).
 * Demo occurrences and weekly updates open the initiative's tab; the `occurrence` query and
 * the `#weekly-update` anchor are for those pages to honour.
 */
export function healthLinkPath(initiativeId: string, link: HealthLink): string {
  const initiative = `/initiatives/${encodeURIComponent(initiativeId)}`;
  const id = encodeURIComponent;
  switch (link.kind) {
    case 'area':
      return link.area === 'owners' ? initiative : `${initiative}?tab=${link.area}`;
    case 'goal':
      return `/goals/${id(link.goalId)}`;
    case 'handoff':
      return `/handoffs/${id(link.handoffId)}${link.questionId ? `#question-${id(link.questionId)}` : ''}`;
    case 'demo':
      return `${initiative}?tab=demos&occurrence=${id(link.occurrenceId)}`;
    case 'actionItem':
      return `${initiative}?tab=demos&occurrence=${id(link.occurrenceId)}#feedback-${id(link.feedbackId)}`;
    case 'metric':
      return `/metrics/${id(link.metricId)}`;
    case 'pushSource':
      return `/metrics/${id(link.metricId)}`;
    case 'weeklyUpdate':
      return `${initiative}#weekly-update`;
  }
}
