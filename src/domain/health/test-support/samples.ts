/** Parameters for every reason code, for the message tests and the examples in docs/HEALTH.md. */
import type { ReasonCode, ReasonParamsByCode } from '../types.js';

const spec = { de: 'Spezifikation', en: 'Specification' };
const build = { de: 'Umsetzung', en: 'Build' };
const pilot = { de: 'Pilotbetrieb', en: 'Pilot' };

/** Parameters for every code; the compiler refuses a missing one. */
export const SAMPLES: { [C in ReasonCode]: ReasonParamsByCode[C] } = {
  'goals.none_proposed': { stage: spec, level: 'expected' },
  'goals.none_agreed': { stage: pilot, level: 'required' },
  'goals.signature_pending': { goal: 'lead conversion', days: 12, waitingFor: ['it'] },
  'goals.past_due': { goal: 'lead conversion', dueDate: '2026-11-27', days: 13 },
  'goals.behind_plan': {
    goal: 'lead conversion',
    metric: 'closed leads',
    unit: 'Leads',
    behindPct: 18,
    current: 1234.5,
    plan: 1500,
  },
  'goals.forecast_miss': {
    goal: 'lead conversion',
    unit: 'Leads',
    forecast: 6.5,
    target: 8,
    dueDate: '2027-03-31',
  },
  'handoffs.answer_overdue': {
    handoff: 'Lastenheft v1.2',
    from: spec,
    to: build,
    days: 9,
    dueDate: '2026-12-01',
    waitingFor: 'it',
  },
  'handoffs.returned_repeatedly': { handoff: 'Lastenheft', from: spec, to: build, returns: 2 },
  'handoffs.question_open': {
    handoff: 'Lastenheft',
    from: spec,
    to: build,
    count: 2,
    days: 5,
    waitingFor: 'business',
  },
  'demos.no_cadence': { stage: pilot, level: 'required' },
  'demos.adherence_low': { held: 6, planned: 10, ratePct: 60, windowDays: 90 },
  'demos.overdue': { days: 9, since: '2026-12-01' },
  'demos.last_held_long_ago': { days: 20, lastHeldDay: '2026-11-20', interval: 'weekly' },
  'demos.never_held': { days: 40, startsOn: '2026-10-31' },
  'demos.one_sided_attendance': { missingSide: 'it', count: 2, of: 3 },
  'demos.confidence_divergent': { business: 4.5, it: 2.5, difference: 2, day: '2026-12-03' },
  'demos.action_items_overdue': { count: 3, oldestDays: 12, oldestText: 'Export korrigieren' },
  'metrics.none_defined': { stage: build, level: 'expected' },
  'metrics.none_agreed': { stage: pilot, level: 'required' },
  'metrics.definition_unsigned': { metric: 'Closed leads', days: 9, waitingFor: ['business'] },
  'metrics.no_data': { metric: 'Closed leads', days: 40 },
  'metrics.data_stale': {
    metric: 'Closed leads',
    days: 12,
    lastDataDay: '2026-11-28',
    period: 'week',
  },
  'metrics.push_silent': {
    metric: 'Closed leads',
    source: 'CRM',
    days: 5,
    lastPushDay: '2026-12-05',
  },
  'owners.update_missing': { side: 'it' },
  'owners.update_stale': { side: 'business', days: 12, writtenDay: '2026-11-28' },
  'owners.disagree': { business: 'on_track', it: 'off_track', steps: 2 },
  'owners.contradict_health': { side: 'business', view: 'on_track', ampel: 'red' },
  'overall.weakest': { ampel: 'amber', score: 75, areas: ['handoffs'] },
  'overall.all_clear': { score: 100 },
};
