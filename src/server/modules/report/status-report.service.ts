/**
 * The status report for the steering committee (issue 10 item 7): the portfolio, then per
 * initiative its overall Ampel and score, each pillar's Ampel, every reason and both owners'
 * latest weekly view. As data (json), Markdown (every text escaped) or CSV (csv-export.ts).
 * Visibility: only what portfolioOf lets the person read.
 */
import type { PortfolioCell, PortfolioQuery, WaitingCount } from '../../../contracts/portfolio.js';
import type { StatusReport, StatusReportInitiative } from '../../../contracts/status-report.js';
import type { WeeklyUpdate } from '../../../contracts/weekly-updates.js';
import { csvCell } from '../../../domain/csv-export.js';
import {
  type Ampel,
  HEALTH_AREAS as AREAS,
  type OwnerView,
  type Side,
} from '../../../domain/health.js';
import { SIDES } from '../../../domain/sides.js';
import {
  ampelLabel,
  areaLabel,
  ownerViewLabel,
  sentenceCase,
  sideLabel,
} from '../../../domain/health-messages.js';
import { escapeMarkdown as md } from '../../../domain/markdown-escape.js';
import type { Actor, AppContext } from '../../context.js';
import { explainHealth } from '../health/health.service.js';
import { reportDay } from '../../../domain/report-day.js';
import { storedHealthOfMany } from '../health/stored-health.service.js';
import { portfolioOf } from '../health/portfolio.service.js';
import { latestWeeklyUpdatesOf } from '../health/weekly-updates.service.js';

type Who = Pick<Actor, 'id' | 'role'>;
export type Lang = 'de' | 'en';

const WORDS = {
  en: {
    title: 'Status report',
    generated: 'As of',
    portfolio: 'Portfolio',
    totals: (g: number, a: number, r: number) => `Green: ${g} · Amber: ${a} · Red: ${r}`,
    none: 'No initiative to report.',
    initiative: 'Initiative',
    department: 'Department',
    stage: 'Stage',
    overall: 'Overall',
    area: 'Area',
    status: 'Status',
    score: 'Score',
    businessOwner: 'Business owner',
    itOwner: 'IT owner',
    reasons: 'Reasons',
    noReasons: 'Nothing to fix.',
    ownersView: 'The owners’ latest view',
    noUpdate: 'no update yet',
    waitingTitle: 'What waits for whom',
    notRelevant: 'not relevant yet',
    view: 'view',
    sentence: 'sentence',
    week: 'week',
    waiting: {
      goal_signature: ['goal waits', 'goals wait', 'for the signature of'],
      metric_signature: [
        'metric definition waits',
        'metric definitions wait',
        'for the signature of',
      ],
      handoff_answer: ['handoff waits', 'handoffs wait', 'for an answer from'],
      question_answer: ['question waits', 'questions wait', 'for an answer from'],
      weekly_update: ['weekly update', 'weekly updates', 'missing from'],
    },
    /** English names the side as it is (the sentence has its preposition). */
    from: null as Record<Side, string> | null,
    file: 'status-report',
  },
  de: {
    title: 'Statusbericht',
    generated: 'Stand',
    portfolio: 'Portfolio',
    totals: (g: number, a: number, r: number) => `Grün: ${g} · Gelb: ${a} · Rot: ${r}`,
    none: 'Keine Initiative zu berichten.',
    initiative: 'Initiative',
    department: 'Abteilung',
    stage: 'Phase',
    overall: 'Gesamt',
    area: 'Bereich',
    status: 'Ampel',
    score: 'Punkte',
    businessOwner: 'Verantwortlich Fachbereich',
    itOwner: 'Verantwortlich IT',
    reasons: 'Gründe',
    noReasons: 'Nichts zu tun.',
    ownersView: 'Letzte Einschätzung der Verantwortlichen',
    noUpdate: 'noch keine Meldung',
    waitingTitle: 'Was auf wen wartet',
    notRelevant: 'noch nicht relevant',
    view: 'Einschätzung',
    sentence: 'Satz',
    week: 'KW',
    waiting: {
      goal_signature: ['Ziel wartet', 'Ziele warten', 'auf die Freigabe'],
      metric_signature: [
        'Kennzahl-Definition wartet',
        'Kennzahl-Definitionen warten',
        'auf die Freigabe',
      ],
      handoff_answer: ['Übergabe wartet', 'Übergaben warten', 'auf eine Antwort'],
      question_answer: ['Rückfrage wartet', 'Rückfragen warten', 'auf eine Antwort'],
      weekly_update: ['Wochenmeldung fehlt', 'Wochenmeldungen fehlen', ''],
    },
    /** Von wem, mit Artikel, wie es im Satz steht („fehlt vom Fachbereich“). */
    from: { business: 'vom Fachbereich', it: 'von der IT' } as Record<Side, string> | null,
    file: 'statusbericht',
  },
} as const;

/** Symbol and word: the Ampel never depends on colour alone. */
const SYMBOL: Record<Ampel, string> = { green: '✔', amber: '▲', red: '✖' };
export const ampelWords = (lang: Lang, a: Ampel) => `${SYMBOL[a]} ${ampelLabel(a, lang)}`;

/** Views and sides as the domain words them (emails and the web say the same), capitalised. */
const viewWord = (lang: Lang, v: OwnerView) => sentenceCase(ownerViewLabel(v, lang));
const sideWord = (lang: Lang, s: Side) => sentenceCase(sideLabel(s, lang));

/** GET /api/report/status as data: the portfolio and, per initiative, its reasons and views. */
export async function statusReportOf(
  ctx: AppContext,
  actor: Who,
  query: PortfolioQuery,
  now: Date = ctx.now(),
): Promise<StatusReport> {
  const portfolio = await portfolioOf(ctx, actor, query, now);
  const ids = portfolio.rows.map((r) => r.id);
  // The stored health the portfolio rows were just read from (brought up to date by that
  // read), not computed a second time.
  const stored = await storedHealthOfMany(ctx, actor, ids, now);
  const byId = new Map(stored.map((h) => [h.initiativeId, explainHealth(h)]));
  // Both sides' latest views of every initiative at once (was two queries per initiative).
  const updates = await latestWeeklyUpdatesOf(ctx.db.kysely, ids);
  const initiatives: StatusReportInitiative[] = [];
  for (const row of portfolio.rows) {
    const h = byId.get(row.id);
    const reasons = h
      ? AREAS.flatMap((area) =>
          (area === 'owners' ? h.owners : h.pillars[area]).reasons.map((r) => ({
            area,
            text: r.text,
            href: r.href,
          })),
        )
      : [];
    const latest = updates.get(row.id) ?? { business: null, it: null };
    initiatives.push({ row, reasons, latest });
  }
  return {
    computedAt: portfolio.computedAt,
    totals: portfolio.totals,
    waiting: portfolio.waiting,
    initiatives,
  };
}

const cellWords = (lang: Lang, c: PortfolioCell) =>
  c.applicable ? `${ampelWords(lang, c.ampel)} (${c.score})` : `– ${WORDS[lang].notRelevant}`;

const waitingLine = (lang: Lang, w: WaitingCount) => {
  const [one, many, rest] = WORDS[lang].waiting[w.kind];
  const from = WORDS[lang].from?.[w.side] ?? sideWord(lang, w.side);
  return [String(w.count), w.count === 1 ? one : many, rest, from].filter(Boolean).join(' ');
};

const updateWords = (lang: Lang, u: WeeklyUpdate | null) =>
  u
    ? `${viewWord(lang, u.view)} (${WORDS[lang].week} ${u.week}${u.author ? `, ${u.author.name}` : ''}): ${u.text}`
    : WORDS[lang].noUpdate;

/** The report as Markdown: every text that came from a person or the data is escaped. */
export function statusReportMarkdown(report: StatusReport, lang: Lang): string {
  const w = WORDS[lang];
  const day = reportDay(lang, report.computedAt);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out: string[] = [`# ${w.title}`, '', `${w.generated}: ${day}`, '', `## ${w.portfolio}`, ''];
  out.push(w.totals(report.totals.green, report.totals.amber, report.totals.red), '');
  if (report.initiatives.length === 0) out.push(w.none, '');
  else {
    const head = [
      w.initiative,
      w.department,
      w.stage,
      w.overall,
      ...AREAS.map((a) => areaLabel(a, lang)),
    ];
    out.push(row(head.map(md)), row(head.map(() => '---')));
    for (const { row: r } of report.initiatives)
      out.push(
        row([
          md(r.title),
          md(r.department),
          md(r.stage.name[lang]),
          md(`${ampelWords(lang, r.overall.ampel)} (${r.overall.score})`),
          ...AREAS.map((a) => md(cellWords(lang, r.areas[a]))),
        ]),
      );
    out.push('');
  }
  if (report.waiting.length) {
    out.push(`### ${md(w.waitingTitle)}`, '');
    for (const x of report.waiting) out.push(`- ${md(waitingLine(lang, x))}`);
    out.push('');
  }
  for (const { row: r, reasons, latest } of report.initiatives) {
    out.push(`## ${md(r.title)}`, '');
    out.push(
      `- ${md(w.overall)}: ${md(`${ampelWords(lang, r.overall.ampel)}, ${r.overall.score}/100`)}`,
      `- ${md(w.department)}: ${md(r.department)}`,
      `- ${md(w.stage)}: ${md(r.stage.name[lang])}`,
      `- ${md(w.businessOwner)}: ${md(r.businessOwner.name)}`,
      `- ${md(w.itOwner)}: ${md(r.itOwner.name)}`,
      '',
    );
    out.push(row([md(w.area), md(w.status)]), row(['---', '---']));
    for (const a of AREAS) out.push(row([md(areaLabel(a, lang)), md(cellWords(lang, r.areas[a]))]));
    out.push('', `### ${md(w.reasons)}`, '');
    if (reasons.length === 0) out.push(md(w.noReasons));
    for (const x of reasons) out.push(`- ${md(`${areaLabel(x.area, lang)}: ${x.text[lang]}`)}`);
    out.push('', `### ${md(w.ownersView)}`, '');
    for (const side of SIDES)
      out.push(`- ${md(`${sideWord(lang, side)}: ${updateWords(lang, latest[side])}`)}`);
    out.push('');
  }
  return out.join('\n');
}

/** The report as CSV: one line per initiative, `;` in German (Excel), `,` in English. */
export function statusReportCsv(report: StatusReport, lang: Lang): string {
  const w = WORDS[lang];
  const sep = lang === 'de' ? ';' : ',';
  const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(sep);
  const word = (a: Ampel) => ampelLabel(a, lang);
  const lines = [
    line([
      w.initiative,
      w.department,
      w.stage,
      w.businessOwner,
      w.itOwner,
      w.overall,
      w.score,
      ...AREAS.map((a) => areaLabel(a, lang)),
      w.reasons,
      `${sideWord(lang, 'business')}: ${w.view}`,
      `${sideWord(lang, 'business')}: ${w.sentence}`,
      `${sideWord(lang, 'it')}: ${w.view}`,
      `${sideWord(lang, 'it')}: ${w.sentence}`,
    ]),
    ...report.initiatives.map(({ row: r, reasons, latest }) =>
      line([
        r.title,
        r.department,
        r.stage.name[lang],
        r.businessOwner.name,
        r.itOwner.name,
        word(r.overall.ampel),
        r.overall.score,
        ...AREAS.map((a) =>
          r.areas[a].applicable ? `${word(r.areas[a].ampel)} (${r.areas[a].score})` : '–',
        ),
        reasons.map((x) => `${areaLabel(x.area, lang)}: ${x.text[lang]}`).join('\n'),
        latest.business ? viewWord(lang, latest.business.view) : null,
        latest.business?.text ?? null,
        latest.it ? viewWord(lang, latest.it.view) : null,
        latest.it?.text ?? null,
      ]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** RFC 6266: an ASCII fallback and the exact name in UTF-8 (RFC 8187). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const statusReportFilename = (lang: Lang, day: string, ext: 'md' | 'csv') =>
  `${WORDS[lang].file}-${day}.${ext}`;
