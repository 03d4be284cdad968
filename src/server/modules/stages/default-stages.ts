import type { ChecklistItem, OwningSide } from '../../../contracts/stages.js';

export interface StageDefinition {
  key: string;
  nameEn: string;
  nameDe: string;
  owningSide: OwningSide;
  checklist: ChecklistItem[];
}

/** The default lifecycle (PRODUCT.md): Idea → Specification → Build → Integration → Pilot → Operation. */
export const DEFAULT_STAGES: StageDefinition[] = [
  { key: 'idea', nameEn: 'Idea', nameDe: 'Idee', owningSide: 'business', checklist: [] },
  {
    key: 'specification',
    nameEn: 'Specification',
    nameDe: 'Spezifikation',
    owningSide: 'business',
    checklist: [
      {
        id: 'problem_described',
        labelEn: 'Problem and expected benefit described',
        labelDe: 'Problem und erwarteter Nutzen beschrieben',
      },
      {
        id: 'owners_named',
        labelEn: 'Business owner and IT owner named',
        labelDe: 'Verantwortliche in Fachbereich und IT benannt',
      },
      {
        id: 'risk_assessed',
        labelEn: 'AI Act risk class assessed',
        labelDe: 'Risikoklasse nach KI-Verordnung eingeschätzt',
      },
    ],
  },
  {
    key: 'build',
    nameEn: 'Build',
    nameDe: 'Umsetzung',
    owningSide: 'it',
    checklist: [
      {
        id: 'acceptance_criteria',
        labelEn: 'Acceptance criteria agreed',
        labelDe: 'Abnahmekriterien vereinbart',
      },
      { id: 'data_sources', labelEn: 'Data sources named', labelDe: 'Datenquellen benannt' },
      {
        id: 'data_protection',
        labelEn: 'Data-protection check done',
        labelDe: 'Datenschutzprüfung durchgeführt',
      },
    ],
  },
  {
    key: 'integration',
    nameEn: 'Integration',
    nameDe: 'Integration',
    owningSide: 'it',
    checklist: [
      {
        id: 'tested_against_criteria',
        labelEn: 'Tested against the acceptance criteria',
        labelDe: 'Gegen die Abnahmekriterien getestet',
      },
      {
        id: 'interfaces_specified',
        labelEn: 'Interfaces to the target systems specified',
        labelDe: 'Schnittstellen zu den Zielsystemen festgelegt',
      },
      {
        id: 'security_review',
        labelEn: 'Security review done',
        labelDe: 'Sicherheitsprüfung durchgeführt',
      },
    ],
  },
  {
    key: 'pilot',
    nameEn: 'Pilot',
    nameDe: 'Pilotbetrieb',
    owningSide: 'both',
    checklist: [
      {
        id: 'pilot_scope',
        labelEn: 'Pilot users and scope named',
        labelDe: 'Pilotnutzende und Umfang benannt',
      },
      { id: 'rollback_plan', labelEn: 'Rollback plan in place', labelDe: 'Rückfallplan vorhanden' },
      {
        id: 'users_informed',
        labelEn: 'Users informed that AI is involved',
        labelDe: 'Nutzende über den KI-Einsatz informiert',
      },
    ],
  },
  {
    key: 'operation',
    nameEn: 'Operation',
    nameDe: 'Betrieb',
    owningSide: 'both',
    checklist: [
      {
        id: 'pilot_reviewed',
        labelEn: 'Pilot results reviewed by both sides',
        labelDe: 'Pilotergebnisse von beiden Seiten ausgewertet',
      },
      {
        id: 'support_owner',
        labelEn: 'Operations and support owner named',
        labelDe: 'Verantwortliche für Betrieb und Support benannt',
      },
      {
        id: 'monitoring',
        labelEn: 'Metrics are monitored',
        labelDe: 'Kennzahlen werden überwacht',
      },
    ],
  },
];
