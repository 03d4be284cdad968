import { randomBytes } from 'node:crypto';
import type { CreateInitiativeBody } from '../../../contracts/initiatives.js';
import type { Actor, AppContext } from '../../context.js';
import {
  addMember,
  createInitiative,
  moveStage,
  updateInitiative,
} from '../initiatives/initiatives.service.js';
import { createUser, findUserByEmail } from '../people/users.service.js';
import { listStages } from '../stages/stages.service.js';
import { type DemoMetric, seedDemoMetrics } from './demo.metrics.js';

interface DemoPerson {
  key: string;
  name: string;
  email: string;
  side: 'business' | 'it';
  role: 'admin' | 'member' | 'viewer';
  department: string;
  language: 'de' | 'en';
}

export const DEMO_DOMAIN = 'demo.tandem.example';

const PEOPLE: DemoPerson[] = (
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

interface DemoInitiative {
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

const INITIATIVES: DemoInitiative[] = [
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
        before: 4,
        after: 6,
        noise: 2,
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

const DAY = 24 * 3600_000;

export interface DemoCredentials {
  email: string;
  password: string;
  role: string;
  side: string;
  name: string;
}

/**
 * Seeds the demo workspace. Idempotent: people and initiatives that exist (by email,
 * by title) are left alone. Passwords are generated here and returned once.
 * With onlyIfEmpty, does nothing when any initiative exists.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { onlyIfEmpty: boolean },
): Promise<{ credentials: DemoCredentials[]; initiatives: number } | undefined> {
  if (options.onlyIfEmpty) {
    const any = await ctx.db.kysely.selectFrom('initiatives').select('id').executeTakeFirst();
    if (any) return undefined;
  }
  const credentials: DemoCredentials[] = [];
  const actors = new Map<string, Actor>();
  for (const p of PEOPLE) {
    let user = await findUserByEmail(ctx, p.email);
    if (!user) {
      const password = randomBytes(12).toString('base64url');
      await createUser(ctx, null, {
        email: p.email,
        name: p.name,
        language: p.language,
        department: p.department,
        side: p.side,
        role: p.role,
        password,
      });
      credentials.push({ email: p.email, password, role: p.role, side: p.side, name: p.name });
      user = await findUserByEmail(ctx, p.email);
    }
    if (user) actors.set(p.key, { id: user.id, role: user.role, side: user.side, name: user.name });
  }
  const actor = (key: string): Actor => {
    const a = actors.get(key);
    if (!a) throw new Error(`demo person ${key} missing`);
    return a;
  };
  const stages = await listStages(ctx.db.kysely);
  const stageByKey = new Map(stages.map((s) => [s.key, s]));
  let created = 0;
  const realNow = ctx.now().getTime();
  for (const d of INITIATIVES) {
    const exists = await ctx.db.kysely
      .selectFrom('initiatives')
      .select('id')
      .where('title', '=', d.title)
      .executeTakeFirst();
    if (exists) continue;
    // Replay the initiative's history at past dates, so the activity feed tells a story.
    let t = realNow - d.startedDaysAgo * DAY;
    const at = (): AppContext => ({ ...ctx, now: () => new Date(t) });
    const owner = actor(d.business);
    let initiative = await createInitiative(at(), owner, {
      title: d.title,
      problem: d.problem,
      expectedBenefit: d.expectedBenefit,
      department: d.department,
      businessOwnerId: owner.id,
      itOwnerId: actor(d.it).id,
      businessDeputyId: d.businessDeputy ? actor(d.businessDeputy).id : null,
      itDeputyId: d.itDeputy ? actor(d.itDeputy).id : null,
      riskClass: d.riskClass,
      riskAnswers: d.riskAnswers,
      visibility: d.visibility,
      tags: d.tags,
    });
    for (const [key, role] of d.members) {
      t += 0.5 * DAY;
      initiative = await addMember(at(), owner, initiative.id, { userId: actor(key).id, role });
    }
    const step = Math.floor((d.startedDaysAgo - 5) / Math.max(1, d.path.length));
    for (const [i, key] of d.path.entries()) {
      const stage = stageByKey.get(key);
      if (!stage) continue; // an admin renamed or removed the default stages
      t += step * DAY;
      const mover = stage.owningSide === 'it' ? actor(d.it) : owner;
      initiative = await moveStage(at(), mover, initiative.id, {
        version: initiative.version,
        stageId: stage.id,
        checklist: stage.checklist.map((c) => c.id),
        note: i === 0 ? 'Kick-off mit beiden Seiten durchgeführt.' : undefined,
      });
      if (i === 1) {
        t += 2 * DAY;
        initiative = await updateInitiative(at(), actor(d.it), initiative.id, {
          version: initiative.version,
          expectedBenefit: `${d.expectedBenefit} Messbar über gemeinsam vereinbarte Kennzahlen.`,
        });
      }
    }
    t += DAY;
    await seedDemoMetrics(
      at,
      { business: owner, it: actor(d.it) },
      initiative.id,
      d.metrics,
      realNow,
    );
    if (d.status) {
      t += DAY;
      initiative = await updateInitiative(at(), owner, initiative.id, {
        version: initiative.version,
        status: d.status,
      });
    }
    created += 1;
  }
  return { credentials, initiatives: created };
}
