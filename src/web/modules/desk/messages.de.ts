import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/** German UI strings of My desk ("Sie", plain business language, the glossary's words). */
export const de: Translation<typeof en> = {
  desk: {
    nav: 'Mein Schreibtisch',
    title: 'Mein Schreibtisch',
    description:
      'Was jetzt auf Sie wartet, Ihre Demos der nächsten 7 Tage und Ihre Initiativen mit ihrer Ampel.',
    summary_one: '{{count}} Aufgabe wartet auf Sie',
    summary_other: '{{count}} Aufgaben warten auf Sie',
    allDoneTitle: 'Nichts wartet auf Sie',
    allDoneText:
      'Freigaben, Übergaben, Fragen, Maßnahmen, Kennzahlen ohne Daten und Wochenmeldungen erscheinen hier, sobald Sie am Zug sind.',
    myInitiativesLink: 'Zu meinen Initiativen',
    navCount_one: '{{count}} Aufgabe wartet auf Sie',
    navCount_other: '{{count}} Aufgaben warten auf Sie',
    section: {
      signatures: 'Freigaben',
      handoffs: 'Übergaben',
      questions: 'Fragen zu beantworten',
      actionItems: 'Maßnahmen',
      staleMetrics: 'Kennzahlen ohne aktuelle Daten',
      updates: 'Wochenmeldungen zu schreiben',
    },
    item: {
      goal_signature: 'Ziel „{{subject}}“ für {{side}} freigeben',
      metric_signature: 'Definition der Kennzahl „{{subject}}“ für {{side}} freigeben',
      handoff_receive: 'Übergabe „{{subject}}“ annehmen, zurückgeben oder nachfragen',
      handoff_resubmit: 'Übergabe „{{subject}}“ (erneut) übergeben',
      question_answer: 'Offene Frage zur Übergabe „{{subject}}“ beantworten',
      action_item: 'Maßnahme „{{subject}}“ erledigen',
      metric_stale: 'Daten für die Kennzahl „{{subject}}“ erfassen: fällig alle {{days}} Tage',
      weekly_update: 'Wochenmeldung für {{side}} schreiben (KW {{week}})',
    },
    waitingSince: 'wartet seit {{when}}',
    lastDataSince: 'letzte Daten {{when}}',
    due: 'fällig am {{date}}',
    overdue: 'überfällig',
    demos: 'Meine Demos der nächsten 7 Tage',
    noDemos: 'Keine Demo Ihrer Initiativen in den nächsten 7 Tagen.',
    presenting: 'Sie präsentieren',
    initiatives: 'Meine Initiativen',
    noInitiatives: 'Sie sind noch in keinem Team einer laufenden Initiative.',
    role: {
      owner: 'Verantwortlich',
      deputy: 'Vertretung',
      contributor: 'Mitwirkend',
      observer: 'Beobachtend',
    },
    waitingHere_one: '{{count}} wartet auf Sie',
    waitingHere_other: '{{count}} warten auf Sie',
    health: 'Ampel',
    ampel: { green: 'Grün', amber: 'Gelb', red: 'Rot', none: 'noch nicht relevant' },
    pillar: { goals: 'Ziele', handoffs: 'Übergaben', demos: 'Demos', metrics: 'Kennzahlen' },
    healthOf: '{{pillar}}: {{ampel}}',
  },
};
