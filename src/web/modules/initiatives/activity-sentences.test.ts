import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../contracts/audit.js';
import i18n from '../../i18n/index.js';
import {
  activitySentence,
  activitySentenceParts,
  type SentenceContext,
} from './activity-sentences.js';
import { en } from './messages.en.js';

const lukas = { id: 'u2', name: 'Lukas Fischer', side: 'it' as const, department: 'IT' };

function event(
  action: string,
  after: unknown = null,
  before: unknown = null,
  actor: AuditEvent['actor'] = lukas,
): AuditEvent {
  return {
    id: 'e1',
    occurredAt: '2026-11-27T10:00:00Z',
    actor,
    action,
    entityType: action.split('.')[0] ?? '',
    entityId: 'x1',
    before,
    after,
  };
}

const ctx = (): SentenceContext => ({
  t: i18n.t,
  exists: (key) => i18n.exists(key),
  language: i18n.resolvedLanguage === 'de' ? 'de' : 'en',
  metricName: (id) => (id === 'x1' ? 'Qualified leads' : 'a metric'),
  subjectTitle: (id) => (id === 'x1' ? 'Specification for the lead generator' : ''),
});

describe('activitySentence', () => {
  it('says who did what in one whole sentence, filled in from the event', () => {
    expect(
      activitySentence(
        event('initiative.stage_changed', { stage: { nameEn: 'Pilot', nameDe: 'Pilotbetrieb' } }),
        ctx(),
      ),
    ).toBe('Lukas Fischer moved the initiative to Pilot.');
    expect(
      activitySentence(
        event('member.added', { person: { name: 'Anna Becker' }, role: 'observer' }),
        ctx(),
      ),
    ).toBe('Lukas Fischer added Anna Becker to the team (Observer).');
    expect(activitySentence(event('metric.signed', { version: 2, side: 'it' }), ctx())).toBe(
      'Lukas Fischer signed version 2 of “Qualified leads” for IT.',
    );
    expect(activitySentence(event('api_token.revoked', null, { name: 'CRM export' }), ctx())).toBe(
      'Lukas Fischer revoked the API token “CRM export”.',
    );
  });

  it('names goals and handoffs by their statement or title, else from the lists', async () => {
    expect(
      activitySentence(
        event('goal.signed', { statement: 'Double leads', side: 'business' }),
        ctx(),
      ),
    ).toBe('Lukas Fischer signed the goal “Double leads” for Business.');
    expect(activitySentence(event('handoff.submitted'), ctx())).toBe(
      'Lukas Fischer handed over “Specification for the lead generator”.',
    );
    await i18n.changeLanguage('de');
    expect(activitySentence(event('demo_feedback.created'), ctx())).toBe(
      'Lukas Fischer hat Feedback zu einer Demo erfasst.',
    );
    expect(
      activitySentence(event('goal.signed', { statement: 'Leads', side: 'business' }), ctx()),
    ).toBe('Lukas Fischer hat das Ziel „Leads“ für den Fachbereich freigegeben.');
  });

  it('reads whole where the fragments were: agreement, the system, machines', async () => {
    await i18n.changeLanguage('de');
    expect(activitySentence(event('goal.agreed', { statement: 'Acht Leads' }), ctx())).toBe(
      'Mit der Freigabe von Lukas Fischer ist das Ziel „Acht Leads“ von beiden Seiten vereinbart.',
    );
    // The system marks a goal achieved: no actor, and none needed.
    expect(
      activitySentence(event('goal.achieved', { value: 8 }, null, null), {
        ...ctx(),
        subjectTitle: () => 'Acht Leads',
      }),
    ).toBe('Das Ziel „Acht Leads“ hat den Zielwert erreicht.');
    expect(
      activitySentence(event('measurement.pushed', { token: 'CRM', stored: 1 }, null, null), ctx()),
    ).toBe('Das API-Token „CRM“ hat 1 Messwert geliefert.');
    expect(activitySentence(event('measurement.imported', { stored: 12 }), ctx())).toBe(
      'Lukas Fischer hat 12 Messwerte aus einer CSV-Datei in „Qualified leads“ importiert.',
    );
    await i18n.changeLanguage('en');
    expect(activitySentence(event('goal.agreed', { statement: 'Eight leads' }), ctx())).toBe(
      'With the signature of Lukas Fischer, both sides have agreed on the goal “Eight leads”.',
    );
    expect(
      activitySentence(event('goal.achieved', { statement: 'Eight leads' }, null, null), ctx()),
    ).toBe('The goal “Eight leads” reached its target.');
    // An actor who is gone (or never known) is "someone", still a sentence.
    expect(activitySentence(event('goal.created', { statement: 'X' }, null, null), ctx())).toBe(
      'Someone started the goal “X”.',
    );
  });

  it('sets the actor apart from the rest of the sentence', () => {
    expect(activitySentenceParts(event('handoff.submitted', { title: 'Spec' }), ctx())).toEqual([
      { actor: 'Lukas Fischer' },
      { text: ' handed over “Spec”.' },
    ]);
  });

  it('says plainly that something changed when it does not know the action', () => {
    expect(activitySentence(event('goal.renamed'), ctx())).toBe(
      'Lukas Fischer made a change (goal.renamed).',
    );
    expect(activitySentence(event('initiative'), ctx())).toBe(
      'Lukas Fischer made a change (initiative).',
    );
  });

  it('finds every action’s sentence in both languages: whole, with a full stop', async () => {
    for (const lng of ['en', 'de']) {
      await i18n.changeLanguage(lng);
      for (const action of Object.keys(en.activity.action)) {
        const sentence = activitySentence(event(action, { statement: 'X', side: 'it' }), ctx());
        expect(sentence).not.toMatch(/made a change|hat etwas geändert|activity\.|\{\{/);
        expect(sentence).toMatch(/^[A-ZÄÖÜ].*\.$/);
      }
    }
  });
});
