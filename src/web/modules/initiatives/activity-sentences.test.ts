import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../contracts/audit.js';
import i18n from '../../i18n/index.js';
import { activitySentence, type SentenceContext } from './activity-sentences.js';
import { en } from './messages.en.js';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

function event(action: string, after: unknown = null, before: unknown = null): AuditEvent {
  return {
    id: 'e1',
    occurredAt: '2026-11-27T10:00:00Z',
    actor: null,
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
  it('finds the sentence by the audit action and fills in what the event carries', () => {
    expect(
      activitySentence(
        event('initiative.stage_changed', { stage: { nameEn: 'Pilot', nameDe: 'Pilotbetrieb' } }),
        ctx(),
      ),
    ).toBe('moved the initiative to Pilot');
    expect(
      activitySentence(
        event('member.added', { person: { name: 'Anna Becker' }, role: 'observer' }),
        ctx(),
      ),
    ).toBe('added Anna Becker (Observer)');
    expect(activitySentence(event('metric.signed', { version: 2, side: 'it' }), ctx())).toBe(
      'signed version 2 of “Qualified leads” for IT',
    );
    expect(activitySentence(event('api_token.revoked', null, { name: 'CRM export' }), ctx())).toBe(
      'revoked the API token “CRM export”',
    );
  });

  it('names goals and handoffs by their statement or title, else from the lists', async () => {
    expect(
      activitySentence(
        event('goal.signed', { statement: 'Double leads', side: 'business' }),
        ctx(),
      ),
    ).toBe('signed the goal “Double leads” for Business');
    expect(activitySentence(event('handoff.submitted'), ctx())).toBe(
      'handed over “Specification for the lead generator”',
    );
    await i18n.changeLanguage('de');
    expect(activitySentence(event('demo_feedback.created'), ctx())).toBe(
      'hat Feedback zu einer Demo erfasst',
    );
  });

  it('says plainly that something changed when it does not know the action', () => {
    expect(activitySentence(event('goal.renamed'), ctx())).toBe('made a change (goal.renamed)');
    expect(activitySentence(event('initiative'), ctx())).toBe('made a change (initiative)');
  });

  it('finds every action’s sentence in both languages, though the keys hold dots', async () => {
    for (const action of Object.keys(en.activity.action)) {
      expect(activitySentence(event(action), ctx())).not.toMatch(/made a change|activity\./);
    }
    await i18n.changeLanguage('de');
    for (const action of Object.keys(en.activity.action)) {
      expect(activitySentence(event(action), ctx())).not.toMatch(/hat etwas geändert|activity\./);
    }
  });
});
