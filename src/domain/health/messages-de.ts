/**
 * Der deutsche Satz zu jedem Grund (formell, Geschäftssprache, Begriffe aus dem Glossar:
 * Ziel, Freigabe, Übergabe, Rückfrage, Kennzahl, Messwert, Maßnahme, Zuversicht, Ampel).
 * The compiler demands one per code.
 */
import type { ReasonTexts } from './messages-en.js';
import {
  deDays,
  deDaysDat,
  INTERVAL_WORDS,
  joinList,
  PERIOD_ADVERBS,
  route,
  times,
} from './messages-format.js';
import type { Side } from './types.js';

/** "der IT" / "des Fachbereichs" (genitive, after "die Freigabe", "die Antwort"). */
const GEN: Record<Side, string> = { business: 'des Fachbereichs', it: 'der IT' };
const PERSON: Record<Side, string> = {
  business: 'Die verantwortliche Person im Fachbereich',
  it: 'Die verantwortliche Person in der IT',
};
/** Dative and genitive alike: "von der …", "Wochenstatus der …". */
const PERSON_OBL: Record<Side, string> = {
  business: 'der verantwortlichen Person im Fachbereich',
  it: 'der verantwortlichen Person in der IT',
};

export const DE: ReasonTexts = {
  'goals.none_proposed': (p, f) =>
    `Es ist noch kein Ziel vorgeschlagen; in der Phase ${f.stage(p.stage)} sollten Fachbereich und IT ein gemeinsames Ziel erarbeiten.`,
  'goals.none_agreed': (p, f) =>
    `Kein vereinbartes Ziel: Die Phase ${f.stage(p.stage)} setzt ein Ziel voraus, das beide Seiten freigegeben haben.`,
  'goals.signature_pending': (p, f) =>
    `Ziel ${f.quote(p.goal)} vor ${deDaysDat(f, p.days)} vorgeschlagen; ${
      p.waitingFor.length === 2
        ? 'die Freigaben von Fachbereich und IT stehen aus'
        : `die Freigabe ${GEN[p.waitingFor[0] ?? 'business']} steht aus`
    }.`,
  'goals.past_due': (p, f) =>
    `Ziel ${f.quote(p.goal)} war am ${f.date(p.dueDate)} fällig (vor ${deDaysDat(f, p.days)}); die Entscheidung steht aus: verfehlt oder verworfen?`,
  'goals.behind_plan': (p, f) =>
    `Ziel ${f.quote(p.goal)}${p.metric ? `: Kennzahl ${f.quote(p.metric)}` : ''} liegt ${f.pct(p.behindPct)} hinter Plan (${f.value(p.current, p.unit)} statt geplant ${f.value(p.plan, p.unit)}).`,
  'goals.forecast_miss': (p, f) =>
    `Ziel ${f.quote(p.goal)}: Die Prognose zum ${f.date(p.dueDate)} ergibt ${f.value(p.forecast, p.unit)}; der Zielwert von ${f.value(p.target, p.unit)} würde verfehlt.`,
  'handoffs.answer_overdue': (p, f) =>
    `Übergabe ${f.quote(p.handoff)} (${route(f, p.from, p.to)}): Die Antwort ${GEN[p.waitingFor]} ist seit ${deDaysDat(f, p.days)} überfällig (fällig am ${f.date(p.dueDate)}).`,
  'handoffs.returned_repeatedly': (p, f) =>
    `Übergabe ${f.quote(p.handoff)} (${route(f, p.from, p.to)}) wurde ${times(f, p.returns)} zurückgegeben.`,
  'handoffs.question_open': (p, f) =>
    p.count === 1
      ? `Übergabe ${f.quote(p.handoff)} (${route(f, p.from, p.to)}): Eine Rückfrage ist seit ${deDaysDat(f, p.days)} offen und wartet auf die Antwort ${GEN[p.waitingFor]}.`
      : `Übergabe ${f.quote(p.handoff)} (${route(f, p.from, p.to)}): ${f.num(p.count, 0)} Rückfragen sind offen, die älteste seit ${deDaysDat(f, p.days)}; sie wartet auf die Antwort ${GEN[p.waitingFor]}.`,
  'demos.no_cadence': (p, f) =>
    p.level === 'required'
      ? `Kein Demo-Rhythmus: Die Phase ${f.stage(p.stage)} setzt regelmäßige Demos voraus.`
      : `Kein Demo-Rhythmus: Ab der Phase ${f.stage(p.stage)} werden regelmäßige Demos erwartet.`,
  'demos.adherence_low': (p, f) =>
    `Termintreue der Demos in den letzten ${f.num(p.windowDays, 0)} Tagen: ${f.pct(p.ratePct)} (${f.num(p.held, 0)} von ${f.num(p.planned, 0)} geplanten Demos durchgeführt).`,
  'demos.overdue': (p, f) =>
    `Demo seit ${deDaysDat(f, p.days)} überfällig (geplant am ${f.date(p.since)}, weder durchgeführt noch ausgelassen).`,
  'demos.last_held_long_ago': (p, f) =>
    `Die letzte Demo liegt ${deDays(f, p.days)} zurück (${f.date(p.lastHeldDay)}; Demo-Rhythmus: ${INTERVAL_WORDS.de[p.interval]}).`,
  'demos.never_held': (p, f) =>
    `Noch keine Demo durchgeführt, obwohl der Demo-Rhythmus vor ${deDaysDat(f, p.days)} begonnen hat (${f.date(p.startsOn)}).`,
  'demos.one_sided_attendance': (p, f) =>
    `An ${f.num(p.count, 0)} der letzten ${f.num(p.of, 0)} Demos hat niemand ${p.missingSide === 'it' ? 'aus der IT' : 'aus dem Fachbereich'} teilgenommen.`,
  'demos.confidence_divergent': (p, f) =>
    `Die Zuversicht der Seiten weicht in der Demo vom ${f.date(p.day)} deutlich ab: Fachbereich ${f.num(p.business)}, IT ${f.num(p.it)} (Differenz ${f.num(p.difference)}).`,
  'demos.action_items_overdue': (p, f) =>
    p.count === 1
      ? `Maßnahme ${f.quote(p.oldestText)} ist seit ${deDaysDat(f, p.oldestDays)} überfällig.`
      : `${f.num(p.count, 0)} Maßnahmen sind überfällig, die älteste (${f.quote(p.oldestText)}) seit ${deDaysDat(f, p.oldestDays)}.`,
  'metrics.none_defined': (p, f) =>
    `Noch keine Kennzahl definiert; ab der Phase ${f.stage(p.stage)} wird eine erwartet.`,
  'metrics.none_agreed': (p, f) =>
    `Keine vereinbarte Kennzahl: Die Phase ${f.stage(p.stage)} setzt eine Kennzahl voraus, deren Definition beide Seiten freigegeben haben.`,
  'metrics.definition_unsigned': (p, f) =>
    `Kennzahl ${f.quote(p.metric)}: Die Definition wartet seit ${deDaysDat(f, p.days)} auf ${
      p.waitingFor.length === 2
        ? 'die Freigaben von Fachbereich und IT'
        : `die Freigabe ${GEN[p.waitingFor[0] ?? 'business']}`
    }.`,
  'metrics.no_data': (p, f) =>
    `Kennzahl ${f.quote(p.metric)} ist vereinbart, hat aber noch keine Messwerte (angelegt vor ${deDaysDat(f, p.days)}).`,
  'metrics.data_stale': (p, f) =>
    `Kennzahl ${f.quote(p.metric)}: seit ${deDaysDat(f, p.days)} keine Messwerte (zuletzt am ${f.date(p.lastDataDay)}), obwohl sie ${PERIOD_ADVERBS.de[p.period]} erhoben wird.`,
  'metrics.push_silent': (p, f) =>
    `Kennzahl ${f.quote(p.metric)}: Die Quelle ${f.quote(p.source)} liefert seit ${deDaysDat(f, p.days)} nicht mehr (zuletzt am ${f.date(p.lastPushDay)}).`,
  'owners.update_missing': (p) => `Von ${PERSON_OBL[p.side]} liegt noch kein Wochenstatus vor.`,
  'owners.update_stale': (p, f) =>
    `Der letzte Wochenstatus ${PERSON_OBL[p.side]} ist ${deDays(f, p.days)} alt (vom ${f.date(p.writtenDay)}).`,
  'owners.disagree': (p, f) =>
    `Die Verantwortlichen sind sich uneinig: Der Fachbereich meldet „${f.view(p.business)}“, die IT „${f.view(p.it)}“.`,
  'owners.contradict_health': (p, f) =>
    `${PERSON[p.side]} meldet „${f.view(p.view)}“, die berechnete Ampel steht jedoch auf ${f.ampel(p.ampel)}.`,
  'overall.weakest': (p, f) => {
    const names = joinList(
      f,
      p.areas.map((a) => f.area(a)),
    );
    const colour = f.ampel(p.ampel).toLowerCase();
    const score = `${f.num(p.score, 0)} von 100 Punkten`;
    if (p.ampel === 'green') return `Gesamt grün (${score}); am schwächsten: ${names}.`;
    return p.areas.length === 1
      ? `Gesamt ${colour} (${score}), weil der Bereich ${names} ${colour} ist.`
      : `Gesamt ${colour} (${score}), weil die Bereiche ${names} ${colour} sind.`;
  },
  'overall.all_clear': () => 'Gesamt grün: In keinem Bereich gibt es Abzüge.',
};
