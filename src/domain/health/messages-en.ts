/** The English sentence for every reason code. The compiler demands one per code. */
import {
  enDays,
  type Fmt,
  INTERVAL_WORDS,
  joinList,
  PERIOD_ADVERBS,
  route,
  times,
} from './messages-format.js';
import type { ReasonCode, ReasonParamsByCode, Side } from './types.js';

export type ReasonTexts = {
  [C in ReasonCode]: (p: ReasonParamsByCode[C], f: Fmt) => string;
};

const OWNER: Record<Side, string> = { business: 'The business owner', it: 'The IT owner' };
/** "IT's" / "the business side's". */
const sides = (side: Side) => (side === 'it' ? 'IT’s' : 'the business side’s');
const signatureOf = (waitingFor: readonly Side[]) =>
  waitingFor.length === 2
    ? 'signatures from the business side and IT'
    : `${sides(waitingFor[0] ?? 'business')} signature`;

export const EN: ReasonTexts = {
  'goals.none_proposed': (p, f) =>
    `No goal has been proposed yet; in the ${f.stage(p.stage)} stage both sides should be working one out.`,
  'goals.none_agreed': (p, f) =>
    `No agreed goal: the ${f.stage(p.stage)} stage requires a goal that both sides have signed.`,
  'goals.signature_pending': (p, f) =>
    `Goal ${f.quote(p.goal)} proposed ${enDays(f, p.days)} ago; ${
      p.waitingFor.length === 2
        ? 'neither the business side nor IT has signed'
        : `${p.waitingFor[0] === 'it' ? 'IT has' : 'the business side has'} not signed`
    }.`,
  'goals.past_due': (p, f) =>
    `Goal ${f.quote(p.goal)} was due on ${f.date(p.dueDate)} (${enDays(f, p.days)} ago) and still awaits a decision: missed or dropped?`,
  'goals.behind_plan': (p, f) =>
    `Goal ${f.quote(p.goal)}: ${p.metric ? `${p.metric} ` : ''}${f.pct(p.behindPct)} behind plan (${f.value(p.current, p.unit)} instead of ${f.value(p.plan, p.unit)} planned).`,
  'goals.forecast_miss': (p, f) =>
    `Goal ${f.quote(p.goal)}: the forecast for ${f.date(p.dueDate)} is ${f.value(p.forecast, p.unit)}; the target of ${f.value(p.target, p.unit)} would be missed.`,
  'handoffs.answer_overdue': (p, f) =>
    `Handoff ${f.quote(p.handoff)} (${route(f, p.from, p.to)}): ${sides(p.waitingFor)} answer is overdue by ${enDays(f, p.days)} (due ${f.date(p.dueDate)}).`,
  'handoffs.returned_repeatedly': (p, f) =>
    `Handoff ${f.quote(p.handoff)} (${route(f, p.from, p.to)}) was returned ${times(f, p.returns)}.`,
  'handoffs.question_open': (p, f) =>
    p.count === 1
      ? `Handoff ${f.quote(p.handoff)} (${route(f, p.from, p.to)}): a question has been open for ${enDays(f, p.days)} and waits for ${sides(p.waitingFor)} answer.`
      : `Handoff ${f.quote(p.handoff)} (${route(f, p.from, p.to)}): ${f.num(p.count, 0)} questions open, the oldest for ${enDays(f, p.days)}; it waits for ${sides(p.waitingFor)} answer.`,
  'demos.no_cadence': (p, f) =>
    p.level === 'required'
      ? `No demo cadence: the ${f.stage(p.stage)} stage requires regular demos.`
      : `No demo cadence: from the ${f.stage(p.stage)} stage on, regular demos are expected.`,
  'demos.adherence_low': (p, f) =>
    `Demo adherence ${f.pct(p.ratePct)} over the last ${f.num(p.windowDays, 0)} days (${f.num(p.held, 0)} of ${f.num(p.planned, 0)} planned demos held).`,
  'demos.overdue': (p, f) =>
    `Demo overdue by ${enDays(f, p.days)} (planned for ${f.date(p.since)}, neither held nor skipped).`,
  'demos.last_held_long_ago': (p, f) =>
    `Last demo held ${enDays(f, p.days)} ago (${f.date(p.lastHeldDay)}; cadence: ${INTERVAL_WORDS.en[p.interval]}).`,
  'demos.never_held': (p, f) =>
    `No demo held yet, although the cadence started ${enDays(f, p.days)} ago (${f.date(p.startsOn)}).`,
  'demos.one_sided_attendance': (p, f) =>
    `Nobody from ${p.missingSide === 'it' ? 'IT' : 'the business side'} attended ${f.num(p.count, 0)} of the last ${f.num(p.of, 0)} demos.`,
  'demos.confidence_divergent': (p, f) =>
    `Confidence differs between the sides at the demo on ${f.date(p.day)}: business side ${f.num(p.business)}, IT ${f.num(p.it)} (difference ${f.num(p.difference)}).`,
  'demos.action_items_overdue': (p, f) =>
    p.count === 1
      ? `Action item ${f.quote(p.oldestText)} is overdue by ${enDays(f, p.oldestDays)}.`
      : `${f.num(p.count, 0)} action items are overdue; the oldest, ${f.quote(p.oldestText)}, by ${enDays(f, p.oldestDays)}.`,
  'metrics.none_defined': (p, f) =>
    `No metric defined yet; from the ${f.stage(p.stage)} stage on, one is expected.`,
  'metrics.none_agreed': (p, f) =>
    `No agreed metric: the ${f.stage(p.stage)} stage requires a metric definition that both sides have signed.`,
  'metrics.definition_unsigned': (p, f) =>
    `Metric ${f.quote(p.metric)}: the definition has been waiting ${enDays(f, p.days)} for ${signatureOf(p.waitingFor)}.`,
  'metrics.no_data': (p, f) =>
    `Metric ${f.quote(p.metric)} is agreed but has no data yet (created ${enDays(f, p.days)} ago).`,
  'metrics.data_stale': (p, f) =>
    `Metric ${f.quote(p.metric)}: no data for ${enDays(f, p.days)} (last on ${f.date(p.lastDataDay)}), although it is measured ${PERIOD_ADVERBS.en[p.period]}.`,
  'metrics.push_silent': (p, f) =>
    `Metric ${f.quote(p.metric)}: the source ${f.quote(p.source)} has not delivered for ${enDays(f, p.days)} (last on ${f.date(p.lastPushDay)}).`,
  'owners.update_missing': (p) => `${OWNER[p.side]} has not written a weekly update yet.`,
  'owners.update_stale': (p, f) =>
    `${OWNER[p.side]}’s latest weekly update is ${enDays(f, p.days)} old (${f.date(p.writtenDay)}).`,
  'owners.disagree': (p, f) =>
    `The owners disagree: the business side says “${f.view(p.business)}”, IT says “${f.view(p.it)}”.`,
  'owners.contradict_health': (p, f) =>
    `${OWNER[p.side]} reports “${f.view(p.view)}”, but the computed health is ${f.ampel(p.ampel).toLowerCase()}.`,
  'overall.weakest': (p, f) => {
    const names = p.areas.map((a) =>
      a === 'owners' ? 'the owners’ view' : f.area(a).toLowerCase(),
    );
    const verb = p.areas.length === 1 && p.areas[0] === 'owners' ? 'is' : 'are';
    const colour = f.ampel(p.ampel).toLowerCase();
    return p.ampel === 'green'
      ? `Overall green (${f.num(p.score, 0)} of 100); weakest: ${joinList(f, names)}.`
      : `Overall ${colour} (${f.num(p.score, 0)} of 100) because ${joinList(f, names)} ${verb} ${colour}.`;
  },
  'overall.all_clear': () => 'Overall green: no deductions in any area.',
};
