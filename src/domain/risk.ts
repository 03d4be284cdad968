/**
 * EU AI Act risk classification at intake: a short guided questionnaire that suggests a
 * class. The questions paraphrase Art. 5 (prohibited practices), Annex III and Art. 6
 * (high risk) and Art. 50 (transparency duties → "limited"). It is an aid for the intake
 * conversation, not legal advice; the chosen class is the owners' decision.
 */
export const RISK_CLASSES = ['minimal', 'limited', 'high', 'prohibited'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export interface RiskQuestion {
  id: string;
  /** The class a "yes" implies. */
  implies: Exclude<RiskClass, 'minimal'>;
  en: string;
  de: string;
}

export const RISK_QUESTIONS: readonly RiskQuestion[] = [
  {
    id: 'manipulation_or_social_scoring',
    implies: 'prohibited',
    en: 'Does it manipulate people subliminally, exploit vulnerabilities, or score people on their social behaviour?',
    de: 'Beeinflusst das System Menschen unterschwellig, nutzt es Schwächen aus oder bewertet es Menschen nach ihrem Sozialverhalten?',
  },
  {
    id: 'emotion_recognition_workplace',
    implies: 'prohibited',
    en: 'Does it recognise emotions of employees at the workplace, or categorise people by biometric data into sensitive traits?',
    de: 'Erkennt das System Emotionen von Beschäftigten am Arbeitsplatz oder ordnet es Menschen anhand biometrischer Daten sensiblen Merkmalen zu?',
  },
  {
    id: 'employment_decisions',
    implies: 'high',
    en: 'Is it used for recruiting, selecting applicants, promotions, terminations or assigning and monitoring work?',
    de: 'Wird das System für Personalauswahl, Bewerbervorauswahl, Beförderung, Kündigung oder Arbeitszuteilung und -überwachung eingesetzt?',
  },
  {
    id: 'essential_services',
    implies: 'high',
    en: 'Does it decide on credit, insurance pricing or access to essential private or public services?',
    de: 'Entscheidet das System über Kreditwürdigkeit, Versicherungstarife oder den Zugang zu wesentlichen Leistungen?',
  },
  {
    id: 'safety_component',
    implies: 'high',
    en: 'Is it a safety component of a product or of critical infrastructure (energy, water, traffic)?',
    de: 'Ist das System eine Sicherheitskomponente eines Produkts oder kritischer Infrastruktur (Energie, Wasser, Verkehr)?',
  },
  {
    id: 'interacts_with_people',
    implies: 'limited',
    en: 'Do people interact with it directly (e.g. a chat assistant) without necessarily knowing it is AI?',
    de: 'Interagieren Menschen direkt mit dem System (z. B. ein Chat-Assistent), ohne zwingend zu wissen, dass es KI ist?',
  },
  {
    id: 'generates_content',
    implies: 'limited',
    en: 'Does it generate or alter text, images, audio or video that is published?',
    de: 'Erzeugt oder verändert das System Texte, Bilder, Audio oder Video, die veröffentlicht werden?',
  },
];

export type RiskAnswers = Record<string, boolean>;

const rank: Record<RiskClass, number> = { minimal: 0, limited: 1, high: 2, prohibited: 3 };

/** The class the answers suggest: the most severe class any "yes" implies. */
export function suggestRiskClass(answers: RiskAnswers): RiskClass {
  let suggested: RiskClass = 'minimal';
  for (const q of RISK_QUESTIONS) {
    if (answers[q.id] === true && rank[q.implies] > rank[suggested]) suggested = q.implies;
  }
  return suggested;
}

/** True when the chosen class is milder than the questionnaire suggests (needs a reason). */
export const isBelowSuggestion = (chosen: RiskClass, answers: RiskAnswers): boolean =>
  rank[chosen] < rank[suggestRiskClass(answers)];
