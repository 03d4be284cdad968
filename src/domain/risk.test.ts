import { describe, expect, it } from 'vitest';
import { isBelowSuggestion, RISK_QUESTIONS, suggestRiskClass } from './risk.js';

describe('suggestRiskClass', () => {
  it.each([
    [{}, 'minimal'],
    [{ generates_content: false }, 'minimal'],
    [{ generates_content: true }, 'limited'],
    [{ interacts_with_people: true }, 'limited'],
    [{ employment_decisions: true }, 'high'],
    [{ essential_services: true, generates_content: true }, 'high'],
    [{ safety_component: true }, 'high'],
    [{ manipulation_or_social_scoring: true, employment_decisions: true }, 'prohibited'],
    [{ emotion_recognition_workplace: true }, 'prohibited'],
  ] as const)('%j → %s', (answers, expected) => {
    expect(suggestRiskClass(answers)).toBe(expected);
  });

  it('has questions in both languages with unique ids', () => {
    const ids = RISK_QUESTIONS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of RISK_QUESTIONS) {
      expect(q.en.length).toBeGreaterThan(10);
      expect(q.de.length).toBeGreaterThan(10);
    }
  });
});

describe('isBelowSuggestion', () => {
  it.each([
    ['minimal', {}, false],
    ['limited', { employment_decisions: true }, true],
    ['high', { employment_decisions: true }, false],
    ['prohibited', { generates_content: true }, false],
    ['high', { emotion_recognition_workplace: true }, true],
  ] as const)('%s with %j → %s', (chosen, answers, expected) => {
    expect(isBelowSuggestion(chosen, answers)).toBe(expected);
  });
});
