import type { CreateInitiativeBody } from '../../../contracts/initiatives.js';
import type { Language, OrgRole } from '../../../domain/people.js';
import type { Side } from '../../../domain/sides.js';
import type { DemoGoal } from './sample-workspace.goals.js';
import type { DemoMetric } from './sample-workspace.metrics.js';

/** The demo company: its people and its initiatives, with their metrics and goals. */
export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  side: Side;
  role: OrgRole;
  department: string;
  language: Language;
}

export const DEMO_DOMAIN = 'demo.tandem.example';

export const PEOPLE: DemoPerson[] = (
  [
    {
      key: 'admin',
      name: 'Petra Neumann',
      side: 'it',
      role: 'admin',
      department: 'IT',
      language: 'de',
      email: '',
    },
    {
      key: 'anna',
      name: 'Anna Becker',
      side: 'business',
      role: 'member',
      department: 'Vertrieb',
      language: 'de',
      email: '',
    },
    {
      key: 'markus',
      name: 'Markus Weber',
      side: 'business',
      role: 'member',
      department: 'Marketing',
      language: 'de',
      email: '',
    },
    {
      key: 'sabine',
      name: 'Sabine Hoffmann',
      side: 'business',
      role: 'member',
      department: 'Kundenservice',
      language: 'de',
      email: '',
    },
    {
      key: 'thomas',
      name: 'Thomas Schulz',
      side: 'business',
      role: 'member',
      department: 'Finanzen',
      language: 'de',
      email: '',
    },
    {
      key: 'julia',
      name: 'Julia Wagner',
      side: 'business',
      role: 'member',
      department: 'Personal',
      language: 'de',
      email: '',
    },
    {
      key: 'lukas',
      name: 'Lukas Fischer',
      side: 'it',
      role: 'member',
      department: 'IT – Data & AI',
      language: 'de',
      email: '',
    },
    {
      key: 'elena',
      name: 'Elena Schmidt',
      side: 'it',
      role: 'member',
      department: 'IT – Integration',
      language: 'en',
      email: '',
    },
    {
      key: 'david',
      name: 'David Klein',
      side: 'it',
      role: 'member',
      department: 'IT – Betrieb',
      language: 'de',
      email: '',
    },
    {
      key: 'klaus',
      name: 'Klaus Richter',
      side: 'business',
      role: 'viewer',
      department: 'Geschäftsführung',
      language: 'de',
      email: '',
    },
  ] satisfies DemoPerson[]
).map((p) => ({
  ...p,
  email: `${p.key === 'admin' ? 'admin' : p.name.split(' ')[0]?.toLowerCase()}@${DEMO_DOMAIN}`,
}));

export interface DemoInitiative {
  title: string;
  department: string;
  problem: string;
  expectedBenefit: string;
  business: string;
  it: string;
  businessDeputy?: string;
  itDeputy?: string;
  members: [string, 'contributor' | 'observer'][];
  riskClass: CreateInitiativeBody['riskClass'];
  riskAnswers: Record<string, boolean>;
  visibility: 'company' | 'members';
  tags: string[];
  /** Stage keys reached, in order, after creation. */
  path: string[];
  startedDaysAgo: number;
  status?: 'active' | 'paused';
  metrics: DemoMetric[];
  goals: DemoGoal[];
}

const minutes = (name: string, description: string, dataSource: string) => ({
  name,
  description,
  dataSource,
  unit: 'min',
  valueType: 'decimal' as const,
  minValue: 0,
  maxValue: null,
  direction: 'lower_is_better' as const,
  aggregation: 'average' as const,
  period: 'week' as const,
  timeZone: 'Europe/Berlin',
});

export const INITIATIVES: DemoInitiative[] = [
  {
    title: 'Lead-Generator für den Vertrieb',
    department: 'Vertrieb',
    problem:
      'Der Vertrieb qualifiziert eingehende Anfragen von Hand; gute Leads warten Tage auf einen Rückruf.',
    expectedBenefit:
      'Anfragen werden automatisch bewertet und priorisiert; mehr abgeschlossene Leads pro Woche bei gleicher Mannschaft.',
    business: 'anna',
    it: 'lukas',
    itDeputy: 'david',
    members: [['klaus', 'observer']],
    riskClass: 'minimal',
    riskAnswers: {},
    visibility: 'company',
    tags: ['CRM', 'Scoring'],
    path: ['specification', 'build', 'integration', 'pilot'],
    startedDaysAgo: 150,
    goals: [
      {
        statement: 'Acht abgeschlossene Leads pro Woche bis Ende Januar',
        rationale:
          'Mehr Umsatz ohne zusätzliche Stellen im Vertrieb; der Lead-Generator soll gute Anfragen zuerst zeigen.',
        metric: 'Abgeschlossene Leads',
        baselineValue: 4,
        baselineDaysAgo: 120,
        targetValue: 8,
        dueInDays: 60,
        signedBy: ['business', 'it'],
      },
      {
        statement: 'Erster Rückruf im Schnitt unter sieben Stunden',
        rationale: 'Wer schnell zurückruft, gewinnt den Auftrag.',
        metric: 'Reaktionszeit auf Anfragen',
        baselineValue: 1400,
        baselineDaysAgo: 120,
        targetValue: 420,
        dueInDays: 30,
        signedBy: ['business', 'it'],
      },
    ],
    metrics: [
      {
        definition: {
          name: 'Abgeschlossene Leads',
          description:
            'Leads, die im CRM als „gewonnen“ markiert wurden, ohne Test- und Bestandskunden. Gezählt pro Woche.',
          dataSource: 'CRM, Bericht „Gewonnene Leads“ (täglicher Export)',
          unit: 'Leads',
          valueType: 'integer',
          minValue: 0,
          maxValue: null,
          direction: 'higher_is_better',
          aggregation: 'sum',
          period: 'week',
          timeZone: 'Europe/Berlin',
        },
        signedBy: ['business', 'it'],
        before: 0.8,
        after: 1.4,
        noise: 1,
        improvesDaysAgo: 40,
        weekdaysOnly: true,
        feed: 'CRM-Export',
      },
      {
        definition: minutes(
          'Reaktionszeit auf Anfragen',
          'Minuten vom Eingang einer Web-Anfrage bis zum ersten Rückruf, Mittelwert pro Woche.',
          'CRM, Zeitstempel Eingang und erster Kontakt',
        ),
        signedBy: ['business', 'it'],
        before: 1400,
        after: 240,
        noise: 180,
        improvesDaysAgo: 40,
        weekdaysOnly: true,
        feed: 'CRM-Export',
      },
    ],
  },
  {
    title: 'Social-Media-Assistent',
    department: 'Marketing',
    problem:
      'Das Marketing-Team erstellt jeden Beitrag einzeln für vier Kanäle; der Redaktionsplan hinkt hinterher.',
    expectedBenefit:
      'Entwürfe für alle Kanäle aus einer Vorlage, von Menschen freigegeben; halbierte Bearbeitungszeit pro Beitrag.',
    business: 'markus',
    it: 'elena',
    members: [],
    riskClass: 'limited',
    riskAnswers: { generates_content: true },
    visibility: 'company',
    tags: ['Generative KI', 'Content'],
    path: ['specification', 'build'],
    startedDaysAgo: 90,
    goals: [
      {
        statement: 'Bearbeitungszeit pro Beitrag halbieren',
        rationale: 'Der Redaktionsplan soll wieder eingehalten werden, ohne Überstunden.',
        metric: 'Bearbeitungszeit pro Beitrag',
        baselineValue: 95,
        baselineDaysAgo: 20,
        targetValue: 45,
        dueInDays: 120,
        signedBy: ['business'],
      },
    ],
    metrics: [
      {
        definition: minutes(
          'Bearbeitungszeit pro Beitrag',
          'Minuten vom Briefing bis zur Freigabe eines Beitrags für alle Kanäle, Mittelwert pro Woche.',
          'Redaktionsplan (Zeiterfassung je Beitrag)',
        ),
        signedBy: ['business'],
        before: 95,
        after: 95,
        noise: 15,
        improvesDaysAgo: 0,
        weekdaysOnly: true,
        feed: 'Redaktionsplan',
      },
    ],
  },
  {
    title: 'Kundenbeziehungs-Assistent',
    department: 'Kundenservice',
    problem:
      'Servicemitarbeitende suchen Vertragsdaten und frühere Anliegen in drei Systemen zusammen.',
    expectedBenefit:
      'Ein Assistent fasst die Kundenhistorie zusammen und schlägt Antworten vor; kürzere Bearbeitungszeit, höhere Kundenzufriedenheit.',
    business: 'sabine',
    it: 'lukas',
    businessDeputy: 'anna',
    itDeputy: 'elena',
    members: [['david', 'contributor']],
    riskClass: 'limited',
    riskAnswers: { interacts_with_people: true },
    visibility: 'company',
    tags: ['Service', 'Chat'],
    path: ['specification', 'build', 'integration'],
    startedDaysAgo: 120,
    goals: [
      {
        statement: 'Anliegen in zehn Minuten beantworten',
        rationale: 'Kürzere Wartezeiten für Kunden und weniger Rückfragen im Team.',
        metric: 'Bearbeitungszeit pro Anliegen',
        baselineValue: 18,
        baselineDaysAgo: 90,
        targetValue: 10,
        dueInDays: 45,
        signedBy: ['business', 'it'],
      },
      {
        statement: 'Kundenzufriedenheit von 4,5 Punkten',
        rationale: 'Zufriedene Kunden bleiben; die Umfrage nach jedem Ticket zeigt es.',
        metric: 'Kundenzufriedenheit',
        baselineValue: 3.6,
        baselineDaysAgo: 200,
        targetValue: 4.5,
        dueInDays: 30,
        signedBy: ['business', 'it'],
      },
    ],
    metrics: [
      {
        definition: minutes(
          'Bearbeitungszeit pro Anliegen',
          'Minuten von der Annahme eines Anliegens bis zur Antwort an den Kunden, Mittelwert pro Woche.',
          'Ticketsystem, Felder „angenommen“ und „beantwortet“',
        ),
        signedBy: ['business', 'it'],
        before: 18,
        after: 12,
        noise: 3,
        improvesDaysAgo: 30,
        weekdaysOnly: true,
        feed: 'Ticketsystem',
      },
      {
        definition: {
          name: 'Kundenzufriedenheit',
          description:
            'Durchschnitt der Antworten auf „Wie zufrieden waren Sie mit unserer Antwort?“ (1 = gar nicht, 5 = sehr), pro Monat.',
          dataSource: 'Umfrage nach Ticket-Abschluss',
          unit: 'Punkte',
          valueType: 'decimal',
          minValue: 1,
          maxValue: 5,
          direction: 'higher_is_better',
          aggregation: 'average',
          period: 'month',
          timeZone: 'Europe/Berlin',
        },
        signedBy: ['business', 'it'],
        before: 3.6,
        after: 4.1,
        noise: 0.5,
        improvesDaysAgo: 30,
        weekdaysOnly: false,
        feed: 'Ticketsystem',
      },
    ],
  },
  {
    title: 'Automatische Rechnungserfassung',
    department: 'Finanzen',
    problem: 'Eingangsrechnungen werden abgetippt; Skontofristen verstreichen.',
    expectedBenefit:
      'Rechnungen werden ausgelesen, geprüft und gebucht; Bearbeitungszeit von Minuten auf Sekunden.',
    business: 'thomas',
    it: 'david',
    members: [['lukas', 'contributor']],
    riskClass: 'minimal',
    riskAnswers: {},
    visibility: 'company',
    tags: ['Dokumente', 'Buchhaltung'],
    path: ['specification', 'build', 'integration', 'pilot', 'operation'],
    startedDaysAgo: 240,
    goals: [
      {
        statement: 'Jede Rechnung in unter zwei Minuten gebucht',
        rationale: 'Skontofristen werden nicht mehr verpasst.',
        metric: 'Bearbeitungszeit pro Rechnung',
        baselineValue: 12,
        baselineDaysAgo: 150,
        targetValue: 2,
        dueInDays: 20,
        signedBy: ['business', 'it'],
      },
    ],
    metrics: [
      {
        definition: minutes(
          'Bearbeitungszeit pro Rechnung',
          'Minuten vom Posteingang bis zur gebuchten Rechnung, Mittelwert pro Woche.',
          'ERP, Buchungsprotokoll',
        ),
        signedBy: ['business', 'it'],
        before: 12,
        after: 1.5,
        noise: 1,
        improvesDaysAgo: 90,
        weekdaysOnly: true,
        feed: 'ERP-Schnittstelle',
      },
    ],
  },
  {
    title: 'Bewerber-Vorauswahl',
    department: 'Personal',
    problem:
      'Auf eine Stelle kommen Hunderte Bewerbungen; die erste Sichtung bindet das Personal-Team wochenlang.',
    expectedBenefit:
      'Eine nachvollziehbare Vorsortierung nach den Anforderungen der Stelle; die Entscheidung bleibt beim Menschen.',
    business: 'julia',
    it: 'elena',
    members: [],
    riskClass: 'high',
    riskAnswers: { employment_decisions: true },
    visibility: 'members',
    tags: ['HR', 'Hochrisiko'],
    path: ['specification'],
    startedDaysAgo: 45,
    status: 'paused',
    goals: [],
    metrics: [
      {
        definition: minutes(
          'Sichtungszeit pro Bewerbung',
          'Minuten, die das Personal-Team für die erste Sichtung einer Bewerbung braucht, Mittelwert pro Woche.',
          'Bewerbermanagement-System',
        ),
        signedBy: [],
        before: 9,
        after: 9,
        noise: 2,
        improvesDaysAgo: 0,
        weekdaysOnly: true,
        feed: 'Bewerbermanagement',
      },
    ],
  },
];
