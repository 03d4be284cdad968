import { describe, expect, it } from 'vitest';
import i18n from '../../i18n/index.js';
import { describeChanges, personName, stageOf } from './activity-format.js';

describe('describeChanges', () => {
  it('renders changed fields as readable "field: old → new" rows', () => {
    const changes = describeChanges(
      {
        status: 'active',
        itOwner: { id: 'u1', name: 'Lukas Fischer' },
        tags: ['CRM'],
        riskJustification: null,
      },
      {
        status: 'paused',
        itOwner: { id: 'u2', name: 'Elena Schmidt' },
        tags: ['CRM', 'Scoring'],
        riskJustification: 'People decide.',
      },
      i18n.t,
      'en',
    );
    expect(changes).toEqual([
      { field: 'IT owner', from: 'Lukas Fischer', to: 'Elena Schmidt' },
      { field: 'Status', from: 'Active', to: 'Paused' },
      { field: 'Justification', from: 'empty', to: 'People decide.' },
      { field: 'Tags', from: 'CRM', to: 'CRM, Scoring' },
    ]);
  });

  it('translates field names and values, and lists questionnaire answers one by one', async () => {
    await i18n.changeLanguage('de');
    const changes = describeChanges(
      { riskClass: 'minimal', riskAnswers: {} },
      { riskClass: 'high', riskAnswers: { employment_decisions: true } },
      i18n.t,
      'de',
    );
    expect(changes[0]).toEqual({ field: 'Risikoklasse', from: 'Minimal', to: 'Hoch' });
    expect(changes[1]?.field).toMatch(/^Wird das System für Personalauswahl/);
    expect(changes[1]).toMatchObject({ from: 'leer', to: 'Ja' });
  });

  it('finds names and stages in member and stage events', () => {
    expect(
      personName({ before: null, after: { person: { name: 'Anna' }, role: 'observer' } }),
    ).toBe('Anna');
    expect(stageOf({ stage: { nameEn: 'Pilot', nameDe: 'Pilotbetrieb' } }, 'de')).toBe(
      'Pilotbetrieb',
    );
  });
});
