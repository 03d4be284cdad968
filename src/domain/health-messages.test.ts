import { describe, expect, it } from 'vitest';
import {
  ampelLabel,
  areaLabel,
  describeArea,
  describeDeduction,
  describeReason,
  healthLinkPath,
  MAX_NAME_LENGTH,
  ownerViewLabel,
  sentenceCase,
  sideLabel,
} from './health-messages.js';
import {
  AMPELS,
  HEALTH_AREAS,
  type HealthLink,
  type HealthReason,
  OWNER_VIEWS,
  REASON_AREAS,
  REASON_CODES,
  type ReasonCode,
  type ReasonParamsByCode,
} from './health.js';
import { SAMPLES } from './health/test-support/samples.js';

const sample = <C extends ReasonCode>(code: C, params?: Partial<ReasonParamsByCode[C]>) =>
  ({
    code,
    area: REASON_AREAS[code],
    deduction: 25,
    severity: 'amber',
    params: { ...SAMPLES[code], ...params },
    link: { kind: 'area', area: 'goals' },
  }) as HealthReason;

const NBSP = '\u00a0';

describe('every reason code has a finished sentence in German and English', () => {
  it.each(REASON_CODES)('%s', (code) => {
    const de = describeReason(sample(code), 'de');
    const en = describeReason(sample(code), 'en');
    for (const text of [de, en]) {
      expect(text).toMatch(/^[A-ZÄÖÜ„“0-9]/);
      expect(text).toMatch(/[.?]$/);
      expect(text).not.toMatch(/\{\{|\}\}|\$\{|undefined|NaN|null|\[object|Infinity/);
    }
    expect(de).not.toBe(en);
  });

  it('covers every code the types define', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...REASON_CODES].sort());
  });
});

describe('the product’s examples, word for word', () => {
  it.each([
    [
      'goals.signature_pending',
      {},
      'Goal “lead conversion” proposed 12 days ago; IT has not signed.',
      'Ziel „lead conversion“ vor 12 Tagen vorgeschlagen; die Freigabe der IT steht aus.',
    ],
    [
      'demos.overdue',
      {},
      'Demo overdue by 9 days (planned for 01 Dec 2026, neither held nor skipped).',
      'Demo seit 9 Tagen überfällig (geplant am 01.12.2026, weder durchgeführt noch ausgelassen).',
    ],
    [
      'handoffs.returned_repeatedly',
      {},
      'Handoff “Lastenheft” (Specification → Build) was returned twice.',
      'Übergabe „Lastenheft“ (Spezifikation → Umsetzung) wurde zweimal zurückgegeben.',
    ],
    [
      'goals.behind_plan',
      {},
      'Goal “lead conversion”: closed leads 18% behind plan (1,234.5 Leads instead of 1,500 Leads planned).',
      `Ziel „lead conversion“: Kennzahl „closed leads“ liegt 18${NBSP}% hinter Plan (1.234,5 Leads statt geplant 1.500 Leads).`,
    ],
  ] as const)('%s', (code, params, en, de) => {
    expect(describeReason(sample(code, params), 'en')).toBe(en);
    expect(describeReason(sample(code, params), 'de')).toBe(de);
  });
});

describe('grammar and formats', () => {
  it.each([
    ['goals.signature_pending', { days: 1 }, '1 day ago', 'vor 1 Tag '],
    ['demos.overdue', { days: 1 }, 'by 1 day ', 'seit 1 Tag '],
    ['owners.update_stale', { days: 1 }, 'is 1 day old', 'ist 1 Tag alt'],
    ['owners.update_stale', { days: 12 }, 'is 12 days old', 'ist 12 Tage alt'],
    ['handoffs.returned_repeatedly', { returns: 3 }, 'returned 3 times', 'dreimal'],
    ['handoffs.returned_repeatedly', { returns: 5 }, 'returned 5 times', '5-mal'],
    [
      'goals.signature_pending',
      { waitingFor: ['business', 'it'] },
      'neither the business side nor IT has signed',
      'die Freigaben von Fachbereich und IT stehen aus',
    ],
    [
      'goals.signature_pending',
      { waitingFor: ['business'] },
      'the business side has not signed',
      'die Freigabe des Fachbereichs steht aus',
    ],
    [
      'handoffs.question_open',
      { count: 1 },
      'a question has been open for 5 days',
      'Eine Rückfrage ist seit 5 Tagen offen',
    ],
    [
      'handoffs.answer_overdue',
      { to: null },
      '(within Specification)',
      '(innerhalb Spezifikation)',
    ],
    [
      'demos.action_items_overdue',
      { count: 1 },
      'Action item “Export korrigieren” is overdue by 12 days.',
      'Maßnahme „Export korrigieren“ ist seit 12 Tagen überfällig.',
    ],
    [
      'demos.adherence_low',
      { ratePct: 62.5 },
      'Demo adherence 62.5%',
      `Demos in den letzten 90 Tagen: 62,5${NBSP}%`,
    ],
    [
      'demos.confidence_divergent',
      { business: 4.25, it: 2.75, difference: 1.5 },
      'business side 4.3, IT 2.8 (difference 1.5)',
      'Fachbereich 4,3, IT 2,8 (Differenz 1,5)',
    ],
    [
      'demos.last_held_long_ago',
      { interval: 'every_2_weeks' },
      'Last demo held 20 days ago (20 Nov 2026; cadence: every 2 weeks).',
      'Die letzte Demo liegt 20 Tage zurück (20.11.2026; Demo-Rhythmus: alle 2 Wochen).',
    ],
    [
      'goals.behind_plan',
      { metric: null, current: -0.04, plan: -1234.56 },
      'Goal “lead conversion”: 18% behind plan (0 Leads instead of -1,234.6 Leads planned).',
      `Ziel „lead conversion“ liegt 18${NBSP}% hinter Plan (0 Leads statt geplant -1.234,6 Leads).`,
    ],
    ['metrics.data_stale', { period: 'month' }, 'measured monthly', 'monatlich erhoben'],
    [
      'metrics.definition_unsigned',
      { waitingFor: ['it'] },
      'for IT’s signature',
      'auf die Freigabe der IT',
    ],
    [
      'owners.disagree',
      {},
      'says “on track”, IT says “off track”',
      'meldet „im Plan“, die IT „nicht im Plan“',
    ],
    ['owners.contradict_health', {}, 'but the computed health is red', 'steht jedoch auf Rot'],
    [
      'overall.weakest',
      { areas: ['owners'] },
      'because the owners’ view is amber',
      'weil der Bereich Einschätzung der Verantwortlichen gelb ist',
    ],
    [
      'overall.weakest',
      { areas: ['goals', 'demos', 'metrics'], ampel: 'red', score: 10 },
      'Overall red (10 of 100) because goals, demos and metrics are red.',
      'weil die Bereiche Ziele, Demos und Kennzahlen rot sind',
    ],
    [
      'overall.weakest',
      { ampel: 'green', score: 85, areas: ['goals'] },
      'Overall green (85 of 100); weakest: goals.',
      'Gesamt grün (85 von 100 Punkten); am schwächsten: Ziele.',
    ],
    [
      'goals.forecast_miss',
      { unit: '%', forecast: 12.5, target: 15 },
      'is 12.5%; the target of 15% would be missed',
      `ergibt 12,5 %; der Zielwert von 15 % würde verfehlt`,
    ],
  ] as const)('%s with %j', (code, params, en, de) => {
    expect(describeReason(sample(code, params as never), 'en')).toContain(en);
    expect(describeReason(sample(code, params as never), 'de')).toContain(de);
  });

  it('shortens long names and keeps them on one line', () => {
    const goal = `${'Sehr langes Ziel '.repeat(10)}\nmit Umbruch`;
    const de = describeReason(sample('goals.past_due', { goal }), 'de');
    const quoted = /„([^“]*)“/.exec(de)?.[1] ?? '';
    expect(quoted.length).toBe(MAX_NAME_LENGTH);
    expect(quoted.endsWith('…')).toBe(true);
    expect(de).not.toContain('\n');
  });
});

describe('labels', () => {
  it('name every area, Ampel colour, view and side in both languages', () => {
    for (const lang of ['de', 'en'] as const) {
      for (const a of [...HEALTH_AREAS, 'overall' as const])
        expect(areaLabel(a, lang)).toBeTruthy();
      for (const a of AMPELS) expect(ampelLabel(a, lang)).toBeTruthy();
      for (const v of OWNER_VIEWS) expect(ownerViewLabel(v, lang)).toBeTruthy();
    }
    expect(areaLabel('handoffs', 'de')).toBe('Übergaben');
    expect(ampelLabel('amber', 'de')).toBe('Gelb');
    expect(ownerViewLabel('at_risk', 'de')).toBe('gefährdet');
    expect(sideLabel('business', 'de')).toBe('Fachbereich');
    expect(describeArea({ area: 'metrics', ampel: 'red', score: 45 }, 'de')).toBe(
      'Kennzahlen: Rot (45/100)',
    );
    expect(describeArea({ area: 'owners', ampel: 'green', score: 100 }, 'en')).toBe(
      'Owners’ view: Green (100/100)',
    );
  });

  it('start a line in sentence case (the status report’s cells), keeping the rest as is', () => {
    expect(sentenceCase(ownerViewLabel('off_track', 'de'))).toBe('Nicht im Plan');
    expect(sentenceCase(ownerViewLabel('on_track', 'en'))).toBe('On track');
    expect(sentenceCase(sideLabel('business', 'en'))).toBe('Business side');
    expect(sentenceCase(sideLabel('it', 'en'))).toBe('IT');
    expect(sentenceCase('')).toBe('');
  });

  it.each([
    [25, 'de', '−25 Punkte'],
    [1, 'de', '−1 Punkt'],
    [25, 'en', '−25 points'],
    [0, 'en', ''],
  ] as const)('deduction %i in %s → %s', (deduction, lang, text) => {
    expect(describeDeduction({ deduction }, lang)).toBe(text);
  });
});

describe('where a reason’s link leads', () => {
  it.each([
    [{ kind: 'area', area: 'handoffs' }, '/initiatives/i-1?tab=handoffs'],
    [{ kind: 'area', area: 'owners' }, '/initiatives/i-1'],
    [{ kind: 'goal', goalId: 'g 1' }, '/goals/g%201'],
    [{ kind: 'handoff', handoffId: 'h1' }, '/handoffs/h1'],
    [{ kind: 'handoff', handoffId: 'h1', questionId: 'q1' }, '/handoffs/h1#question-q1'],
    [{ kind: 'demo', occurrenceId: 'o1' }, '/initiatives/i-1?tab=demos&occurrence=o1'],
    [
      { kind: 'actionItem', feedbackId: 'f1', occurrenceId: 'o1' },
      '/initiatives/i-1?tab=demos&occurrence=o1#feedback-f1',
    ],
    [{ kind: 'metric', metricId: 'm1' }, '/metrics/m1'],
    [{ kind: 'pushSource', metricId: 'm1', tokenId: 't1' }, '/metrics/m1'],
    [{ kind: 'weeklyUpdate', side: 'it' }, '/initiatives/i-1#weekly-update'],
  ] as [HealthLink, string][])('%j → %s', (link, path) => {
    expect(healthLinkPath('i-1', link)).toBe(path);
  });
});
