import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { newSortableId } from '../../db/ids.js';
import { listStages } from '../stages/stages.service.js';
import type { AuditInput } from '../audit/audit.service.js';
import { bulkWriter, type Column, type Row } from './bulk-writer.js';

/**
 * The large demo (`tandem demo seed --scale large`): a company with 1,000 initiatives,
 * 300 people, 5,000 goals, 20,000 handoffs, 50,000 demo occurrences and 5,000 metrics with
 * 5 million points, for trying the app and measuring it at size. Written in bulk (see
 * bulk-writer.ts), not through the services: the services would take hours. Each new
 * initiative gets its `initiative.created` audit event, chained like every other event, so
 * `tandem audit verify` passes afterwards. The data is deterministic (seeded random) and
 * mixed: most initiatives are in good shape, some drift, some are in trouble.
 */
export const LARGE_SCALE = {
  people: 300,
  initiatives: 1000,
  goalsPerInitiative: 5,
  handoffsPerInitiative: 20,
  occurrencesPerInitiative: 50,
  metricsPerInitiative: 5,
  pointsPerMetric: 1000,
} as const;

export const SCALE_FACTORS = { small: 0.01, large: 1 } as const;
export type ScaleName = keyof typeof SCALE_FACTORS;

/** Marks the large demo's people; its presence means the large demo was seeded already. */
export const LARGE_DOMAIN = 'gross.demo.tandem.example';

export interface LargeSeedCounts {
  people: number;
  initiatives: number;
  goals: number;
  handoffs: number;
  occurrences: number;
  metrics: number;
  points: number;
  auditEvents: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: small, fast, deterministic. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const FIRST_DE = [
  'Anna',
  'Jonas',
  'Lea',
  'Lukas',
  'Marie',
  'Felix',
  'Sophie',
  'Paul',
  'Laura',
  'Maximilian',
  'Katharina',
  'Tobias',
  'Julia',
  'Stefan',
  'Nina',
  'Jürgen',
  'Sabine',
  'Matthias',
  'Claudia',
  'Andreas',
  'Birgit',
  'Uwe',
  'Petra',
  'Dirk',
  'Franziska',
  'Özlem',
  'Henrik',
  'Greta',
];
const FIRST_EN = [
  'Emma',
  'Oliver',
  'Charlotte',
  'James',
  'Amelia',
  'Noah',
  'Grace',
  'Henry',
  'Chloe',
  'Jack',
  'Priya',
  'Daniel',
  'Sarah',
  'Ethan',
  'Olivia',
  'Liam',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Köhler',
  'Yilmaz',
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Wilson',
  'Evans',
  'Patel',
  'Walker',
  'Kowalski',
];
const BUSINESS_DEPARTMENTS = [
  'Vertrieb',
  'Marketing',
  'Kundenservice',
  'Finanzen',
  'Personal',
  'Einkauf',
  'Logistik',
  'Produktion',
  'Qualitätsmanagement',
  'Recht',
  'Controlling',
  'Customer Success',
  'Operations',
];
const IT_DEPARTMENTS = ['IT', 'Data & Analytics', 'IT-Betrieb', 'Softwareentwicklung'];
const TOPICS: readonly (readonly [de: string, en: string])[] = [
  ['Rechnungsprüfung mit KI', 'AI invoice matching'],
  ['Angebotserstellung automatisieren', 'Automated quote drafting'],
  ['E-Mail-Klassifikation im Kundenservice', 'Customer email triage'],
  ['Chatbot für Mitarbeiterfragen', 'Employee help chatbot'],
  ['Bedarfsprognose Lager', 'Inventory demand forecast'],
  ['Lieferantenbewertung', 'Supplier scoring'],
  ['Vertragsanalyse', 'Contract review assistant'],
  ['Reisekostenprüfung', 'Expense report checks'],
  ['Bewerbungs-Vorauswahl', 'Candidate pre-screening'],
  ['Churn-Vorhersage', 'Churn prediction'],
  ['Tourenplanung', 'Route optimisation'],
  ['Qualitätsprüfung per Bilderkennung', 'Visual quality inspection'],
  ['Mahnwesen automatisieren', 'Automated dunning'],
  ['Wissenssuche im Intranet', 'Intranet knowledge search'],
  ['Protokolle zusammenfassen', 'Meeting summaries'],
  ['Leadbewertung', 'Lead scoring'],
  ['Betrugserkennung Zahlungen', 'Payment fraud detection'],
  ['Ticket-Routing', 'Ticket routing'],
  ['Produkttexte generieren', 'Product copy generation'],
  ['Predictive Maintenance Pressen', 'Predictive maintenance'],
  ['Schichtplanung', 'Shift planning'],
  ['Belegerfassung', 'Receipt capture'],
  ['Preisoptimierung', 'Price optimisation'],
  ['Übersetzung Handbücher', 'Manual translation'],
  ['Onboarding-Assistent', 'Onboarding assistant'],
];
const PLACES = [
  'Hamburg',
  'München',
  'Köln',
  'Leipzig',
  'Stuttgart',
  'Dortmund',
  'Bremen',
  'Dresden',
  'Nürnberg',
  'Hannover',
  'Wien',
  'Zürich',
  'London',
  'Dublin',
  'Lyon',
  'Mailand',
  'Posen',
  'Brünn',
  'Rotterdam',
  'Antwerpen',
  'DACH',
  'EMEA',
  'Nord',
  'Süd',
  'West',
  'Ost',
  'Zentrale',
  'Werk 1',
  'Werk 2',
  'Werk 3',
  'Pilotmarkt',
  'Online-Shop',
  'Filialen',
  'B2B',
  'B2C',
  'Export',
  'Ersatzteile',
  'Service',
  'Innendienst',
  'Außendienst',
];
const METRICS: readonly (readonly [
  name: string,
  unit: string,
  dir: 'higher_is_better' | 'lower_is_better',
  base: number,
])[] = [
  ['Durchlaufzeit', 'min', 'lower_is_better', 45],
  ['Automatisierungsquote', '%', 'higher_is_better', 60],
  ['Fehlerquote', '%', 'lower_is_better', 4],
  ['Bearbeitete Vorgänge', 'Stück', 'higher_is_better', 120],
  ['First contact resolution', '%', 'higher_is_better', 70],
  ['Kundenzufriedenheit', 'Punkte', 'higher_is_better', 4],
  ['Kosten pro Vorgang', '€', 'lower_is_better', 12],
  ['Manual rework', 'h', 'lower_is_better', 8],
];
const RISK = [
  'minimal',
  'minimal',
  'limited',
  'limited',
  'limited',
  'high',
  'high',
  'prohibited',
] as const;
const TAGS = [
  'KI',
  'RPA',
  'LLM',
  'Prognose',
  'Dokumente',
  'Kundenkontakt',
  'Quick Win',
  'Compliance',
];

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
/** 10:00 in Berlin as UTC (summer time from the last Sunday of March to that of October). */
function berlinTen(dayMs: number): number {
  const d = new Date(dayMs);
  const y = d.getUTCFullYear();
  const lastSunday = (month: number) => {
    const end = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, end.getUTCDate() - end.getUTCDay());
  };
  const summer = dayMs >= lastSunday(2) && dayMs < lastSunday(9);
  return dayMs + (summer ? 8 : 9) * HOUR;
}

const C = {
  users: [
    ['id', 'text'],
    ['email', 'text'],
    ['name', 'text'],
    ['language', 'text'],
    ['department', 'text'],
    ['side', 'text'],
    ['role', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  initiatives: [
    ['id', 'text'],
    ['title', 'text'],
    ['problem', 'text'],
    ['expected_benefit', 'text'],
    ['department', 'text'],
    ['business_owner_id', 'text'],
    ['it_owner_id', 'text'],
    ['business_deputy_id', 'text'],
    ['it_deputy_id', 'text'],
    ['stage_id', 'text'],
    ['status', 'text'],
    ['visibility', 'text'],
    ['risk_class', 'text'],
    ['risk_answers', 'text'],
    ['risk_justification', 'text'],
    ['tags', 'text'],
    ['version', 'int8'],
    ['created_by', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  members: [
    ['initiative_id', 'text'],
    ['user_id', 'text'],
    ['role', 'text'],
    ['added_at', 'text'],
  ],
  transitions: [
    ['id', 'text'],
    ['initiative_id', 'text'],
    ['from_stage_id', 'text'],
    ['to_stage_id', 'text'],
    ['actor_id', 'text'],
    ['checklist', 'text'],
    ['note', 'text'],
    ['occurred_at', 'text'],
  ],
  metrics: [
    ['id', 'text'],
    ['initiative_id', 'text'],
    ['name', 'text'],
    ['description', 'text'],
    ['data_source', 'text'],
    ['unit', 'text'],
    ['value_type', 'text'],
    ['min_value', 'float8'],
    ['max_value', 'float8'],
    ['direction', 'text'],
    ['aggregation', 'text'],
    ['period', 'text'],
    ['time_zone', 'text'],
    ['business_owner_id', 'text'],
    ['it_owner_id', 'text'],
    ['definition_version', 'int8'],
    ['version', 'int8'],
    ['created_by', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  versions: [
    ['subject_type', 'text'],
    ['subject_id', 'text'],
    ['version', 'int8'],
    ['content', 'text'],
    ['created_by', 'text'],
    ['created_at', 'text'],
  ],
  signatures: [
    ['subject_type', 'text'],
    ['subject_id', 'text'],
    ['version', 'int8'],
    ['user_id', 'text'],
    ['side', 'text'],
    ['signed_at', 'text'],
  ],
  measurements: [
    ['id', 'text'],
    ['metric_id', 'text'],
    ['at', 'int8'],
    ['value', 'float8'],
    ['source', 'text'],
    ['created_at', 'int8'],
  ],
  daily: [
    ['metric_id', 'text'],
    ['day', 'text'],
    ['count', 'int8'],
    ['sum', 'float8'],
    ['last_at', 'int8'],
    ['last_value', 'float8'],
    ['sources', 'text'],
  ],
  goals: [
    ['id', 'text'],
    ['initiative_id', 'text'],
    ['statement', 'text'],
    ['rationale', 'text'],
    ['metric_id', 'text'],
    ['baseline_value', 'float8'],
    ['baseline_date', 'text'],
    ['target_value', 'float8'],
    ['due_date', 'text'],
    ['business_responsible_id', 'text'],
    ['it_responsible_id', 'text'],
    ['status', 'text'],
    ['status_reason', 'text'],
    ['achieved_at', 'text'],
    ['agreement_version', 'int8'],
    ['version', 'int8'],
    ['created_by', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  handoffs: [
    ['id', 'text'],
    ['initiative_id', 'text'],
    ['title', 'text'],
    ['note', 'text'],
    ['from_stage_id', 'text'],
    ['to_stage_id', 'text'],
    ['sender_id', 'text'],
    ['receiver_id', 'text'],
    ['receiver_side', 'text'],
    ['due_date', 'text'],
    ['deliverables', 'text'],
    ['checklist', 'text'],
    ['state', 'text'],
    ['round', 'int8'],
    ['return_count', 'int8'],
    ['submitted_at', 'text'],
    ['closed_at', 'text'],
    ['version', 'int8'],
    ['created_by', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  handoffEvents: [
    ['id', 'text'],
    ['handoff_id', 'text'],
    ['type', 'text'],
    ['round', 'int8'],
    ['actor_id', 'text'],
    ['reason', 'text'],
    ['failed_items', 'text'],
    ['occurred_at', 'text'],
  ],
  questions: [
    ['id', 'text'],
    ['handoff_id', 'text'],
    ['asked_by', 'text'],
    ['asked_by_party', 'text'],
    ['text', 'text'],
    ['asked_at', 'text'],
  ],
  cadences: [
    ['id', 'text'],
    ['initiative_id', 'text'],
    ['repeat_interval', 'text'],
    ['weekday', 'int8'],
    ['local_time', 'text'],
    ['duration_minutes', 'int8'],
    ['time_zone', 'text'],
    ['starts_on', 'text'],
    ['location', 'text'],
    ['presenter_id', 'text'],
    ['invitee_ids', 'text'],
    ['version', 'int8'],
    ['created_by', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  occurrences: [
    ['id', 'text'],
    ['initiative_id', 'text'],
    ['cadence_id', 'text'],
    ['rule_date', 'text'],
    ['starts_at', 'text'],
    ['ends_at', 'text'],
    ['state', 'text'],
    ['reason', 'text'],
    ['moved', 'int8'],
    ['sequence', 'int8'],
    ['presenter_id', 'text'],
    ['notes', 'text'],
    ['links', 'text'],
    ['goal_ids', 'text'],
    ['recorded_by', 'text'],
    ['recorded_at', 'text'],
    ['version', 'int8'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  attendees: [
    ['occurrence_id', 'text'],
    ['user_id', 'text'],
    ['side', 'text'],
    ['confidence', 'int8'],
  ],
  feedback: [
    ['id', 'text'],
    ['occurrence_id', 'text'],
    ['initiative_id', 'text'],
    ['kind', 'text'],
    ['text', 'text'],
    ['author_id', 'text'],
    ['author_side', 'text'],
    ['created_at', 'text'],
    ['action_owner_id', 'text'],
    ['action_due_date', 'text'],
    ['action_status', 'text'],
    ['action_created_at', 'text'],
    ['action_done_at', 'text'],
  ],
} satisfies Record<string, readonly Column[]>;

interface Person {
  id: string;
  name: string;
  side: 'business' | 'it';
}

/**
 * Adds the large demo on top of whatever is there (normally the small sample workspace,
 * whose admin signs in). `factor` scales every count (1 = large; tests use a tiny one).
 * Returns undefined when the large demo exists already.
 */
export async function seedLargeWorkspace(
  ctx: AppContext,
  options: { factor: number; pointsPerMetric?: number; log?: (line: string) => void },
): Promise<LargeSeedCounts | undefined> {
  const db = ctx.db.kysely;
  const seeded = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', `%@${LARGE_DOMAIN}`)
    .executeTakeFirst();
  if (seeded) return undefined;
  const log = options.log ?? (() => undefined);
  const f = options.factor;
  const count = (n: number, min = 1) => Math.max(min, Math.round(n * f));
  const nPeople = count(LARGE_SCALE.people, 4);
  const nInitiatives = count(LARGE_SCALE.initiatives);
  const pointsPerMetric = options.pointsPerMetric ?? LARGE_SCALE.pointsPerMetric;
  const stages = await listStages(db);
  if (stages.length === 0) throw new Error('no stages: run the migrations first');
  const writer = await bulkWriter(ctx);
  try {
    // Points get ids in insertion order, so their primary key grows at its end instead of
    // splitting pages all over a tree of millions (UUID format: a v7 prefix and a counter).
    const idPrefix = newSortableId(ctx.now().getTime()).slice(0, 24);
    let pointCounter = 0;
    const pointId = () => {
      pointCounter += 1;
      return `${idPrefix}${pointCounter.toString(16).padStart(12, '0')}`;
    };
    const r = random(20261202);
    const now = ctx.now().getTime();
    const today = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate(),
    );
    const counts: LargeSeedCounts = {
      people: 0,
      initiatives: 0,
      goals: 0,
      handoffs: 0,
      occurrences: 0,
      metrics: 0,
      points: 0,
      auditEvents: 0,
    };

    // People: about 60 % business, 40 % IT; German and English names.
    // Viewers (about 8 %) only read: they own, deputise or contribute nowhere (the app refuses
    // that), so they are kept apart and join some teams as observers.
    const business: Person[] = [];
    const it: Person[] = [];
    const viewers: Person[] = [];
    const userRows: Row[] = [];
    for (let i = 0; i < nPeople; i += 1) {
      const english = r.chance(0.25);
      const first = r.pick(english ? FIRST_EN : FIRST_DE);
      const last = r.pick(LAST);
      const side = i % 5 < 3 ? 'business' : 'it';
      const person = { id: randomUUID(), name: `${first} ${last}`, side } as const;
      // The first five (both sides) are never viewers, so even a tiny demo has owners.
      const viewer = i >= 5 && r.chance(0.08);
      (viewer ? viewers : side === 'business' ? business : it).push(person);
      const local = `${first}.${last}.${i + 1}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z0-9.]/g, '');
      const created = iso(now - (400 + r.int(400)) * DAY);
      userRows.push([
        person.id,
        `${local}@${LARGE_DOMAIN}`,
        person.name,
        english ? 'en' : 'de',
        side === 'it' ? r.pick(IT_DEPARTMENTS) : r.pick(BUSINESS_DEPARTMENTS),
        side,
        viewer ? 'viewer' : 'member',
        created,
        created,
      ]);
    }
    await writer.transaction((w) => w.insert('users', C.users, userRows));
    counts.people = nPeople;
    log(`${nPeople} people`);

    // Initiatives and everything in them, in slices of 50 initiatives per transaction.
    const SLICE = 50;
    for (let from = 0; from < nInitiatives; from += SLICE) {
      const rows: Record<keyof typeof C, Row[]> = Object.fromEntries(
        Object.keys(C).map((k) => [k, []]),
      ) as unknown as Record<keyof typeof C, Row[]>;
      const audit: AuditInput[] = [];
      for (let i = from; i < Math.min(nInitiatives, from + SLICE); i += 1) {
        seedOne(i);
      }
      await writer.transaction(async (w) => {
        await w.insert('initiatives', C.initiatives, rows.initiatives);
        await w.insert('initiative_members', C.members, rows.members);
        await w.insert('stage_transitions', C.transitions, rows.transitions);
        await w.insert('metrics', C.metrics, rows.metrics);
        await w.insert('agreement_versions', C.versions, rows.versions);
        await w.insert('agreement_signatures', C.signatures, rows.signatures);
        await w.insert('measurements', C.measurements, rows.measurements);
        await w.insert('metric_daily', C.daily, rows.daily);
        await w.insert('goals', C.goals, rows.goals);
        await w.insert('handoffs', C.handoffs, rows.handoffs);
        await w.insert('handoff_events', C.handoffEvents, rows.handoffEvents);
        await w.insert('handoff_questions', C.questions, rows.questions);
        await w.insert('demo_cadences', C.cadences, rows.cadences);
        await w.insert('demo_occurrences', C.occurrences, rows.occurrences);
        await w.insert('demo_attendees', C.attendees, rows.attendees);
        await w.insert('demo_feedback', C.feedback, rows.feedback);
        await w.audit(audit);
      });
      counts.auditEvents += audit.length;
      log(`${Math.min(nInitiatives, from + SLICE)} of ${nInitiatives} initiatives`);

      function seedOne(i: number) {
        // 0: in good shape (60 %), 1: drifting (25 %), 2: in trouble (15 %).
        const shape = r.chance(0.6) ? 0 : r.chance(0.62) ? 1 : 2;
        const id = randomUUID();
        const owner = business[i % business.length] as Person;
        const itOwner = it[(i * 7) % it.length] as Person;
        const bDeputy = r.chance(0.5) ? (business[(i * 3 + 1) % business.length] as Person) : null;
        const iDeputy = r.chance(0.4) ? (it[(i * 5 + 2) % it.length] as Person) : null;
        const stageIndex = Math.min(stages.length - 1, Math.floor(r.next() ** 1.3 * stages.length));
        const stage = stages[stageIndex] as (typeof stages)[number];
        const startedDaysAgo = 30 + stageIndex * 60 + r.int(120);
        const created = now - startedDaysAgo * DAY;
        const updated = now - r.int(Math.min(startedDaysAgo, 60)) * DAY - r.int(DAY);
        const [de, en] = TOPICS[i % TOPICS.length] as readonly [string, string];
        const place = PLACES[Math.floor(i / TOPICS.length) % PLACES.length] as string;
        const round = Math.floor(i / (TOPICS.length * PLACES.length));
        const english = r.chance(0.3);
        const title = `${english ? en : de} – ${place}${round ? ` ${round + 1}` : ''}`;
        const department = r.pick(BUSINESS_DEPARTMENTS);
        const status = r.chance(0.9) ? 'active' : r.pick(['paused', 'done', 'cancelled'] as const);
        const risk = r.pick(RISK);
        const tags = [...new Set([r.pick(TAGS), r.pick(TAGS)])];
        rows.initiatives.push([
          id,
          title,
          english
            ? `Today ${en.toLowerCase()} is done by hand in ${place}; it takes time and errors slip through.`
            : `Heute läuft „${de}“ in ${place} manuell; das kostet Zeit und Fehler rutschen durch.`,
          english
            ? 'Faster turnaround and fewer errors, measured with agreed metrics.'
            : 'Schnellere Bearbeitung und weniger Fehler, gemessen an vereinbarten Kennzahlen.',
          department,
          owner.id,
          itOwner.id,
          bDeputy?.id ?? null,
          iDeputy?.id ?? null,
          stage.id,
          status,
          r.chance(0.9) ? 'company' : 'members',
          risk,
          '{}',
          risk === 'high' || risk === 'prohibited'
            ? 'Eingestuft nach Prüfung durch Datenschutz und Rechtsabteilung.'
            : null,
          JSON.stringify(tags),
          1,
          owner.id,
          iso(created),
          iso(updated),
        ]);
        const members = new Map<string, string>([
          [owner.id, 'owner'],
          [itOwner.id, 'owner'],
        ]);
        if (bDeputy && !members.has(bDeputy.id)) members.set(bDeputy.id, 'deputy');
        if (iDeputy && !members.has(iDeputy.id)) members.set(iDeputy.id, 'deputy');
        for (let k = r.int(4); k > 0; k -= 1) {
          const p = r.chance(0.5) ? r.pick(business) : r.pick(it);
          if (viewers.length && r.chance(0.1)) {
            const v = r.pick(viewers);
            if (!members.has(v.id)) members.set(v.id, 'observer');
          }
          if (!members.has(p.id)) members.set(p.id, r.chance(0.8) ? 'contributor' : 'observer');
        }
        for (const [userId, role] of members) rows.members.push([id, userId, role, iso(created)]);
        rows.transitions.push([
          randomUUID(),
          id,
          null,
          stage.id,
          owner.id,
          '[]',
          null,
          iso(created),
        ]);
        audit.push({
          at: new Date(created),
          actorId: owner.id,
          entityType: 'initiative',
          entityId: id,
          initiativeId: id,
          action: 'initiative.created',
          after: {
            title,
            department,
            businessOwner: { id: owner.id, name: owner.name },
            itOwner: { id: itOwner.id, name: itOwner.name },
            stage: { id: stage.id, nameEn: stage.nameEn, nameDe: stage.nameDe },
            status: 'active',
            riskClass: risk,
            tags,
          },
        });
        counts.initiatives += 1;

        // Metrics with their points: hourly from 06:00 to 17:00 UTC (the same day in Berlin).
        const metricIds: string[] = [];
        const metricBase: number[] = [];
        for (let m = 0; m < LARGE_SCALE.metricsPerInitiative; m += 1) {
          const [name, unit, direction, base] = METRICS[
            (i + m * 3) % METRICS.length
          ] as (typeof METRICS)[number];
          // Sortable: points and daily aggregates are keyed by metric first, so their indexes
          // grow at the end instead of taking inserts all over a tree of millions of rows.
          const metricId = newSortableId(now);
          metricIds.push(metricId);
          metricBase.push(base);
          const agreed = shape === 0 || r.chance(0.6);
          const definition = {
            name,
            description: `${name} für ${title}`,
            dataSource: r.pick(['SAP', 'Salesforce', 'ServiceNow', 'Data Warehouse', 'Excel']),
            unit,
            valueType: 'decimal',
            minValue: unit === '%' ? 0 : null,
            maxValue: unit === '%' ? 100 : null,
            direction,
            aggregation: unit === 'Stück' ? 'sum' : 'average',
            period: r.chance(0.7) ? 'week' : 'day',
            timeZone: 'Europe/Berlin',
          };
          rows.metrics.push([
            metricId,
            id,
            definition.name,
            definition.description,
            definition.dataSource,
            unit,
            'decimal',
            definition.minValue,
            definition.maxValue,
            direction,
            definition.aggregation,
            definition.period,
            'Europe/Berlin',
            owner.id,
            itOwner.id,
            1,
            1,
            owner.id,
            iso(created + DAY),
            iso(created + DAY),
          ]);
          rows.versions.push([
            'metric',
            metricId,
            1,
            JSON.stringify(definition),
            owner.id,
            iso(created + DAY),
          ]);
          rows.signatures.push(['metric', metricId, 1, owner.id, 'business', iso(created + DAY)]);
          if (agreed)
            rows.signatures.push(['metric', metricId, 1, itOwner.id, 'it', iso(created + 2 * DAY)]);
          counts.metrics += 1;
          // A silent source: the points stopped some weeks ago.
          const silent = shape === 2 && r.chance(0.5) ? (20 + r.int(40)) * DAY : 0;
          const days = Math.ceil(pointsPerMetric / 12);
          let left = pointsPerMetric;
          const trend = direction === 'higher_is_better' ? 0.002 : -0.002;
          for (let d = days - 1; d >= 0 && left > 0; d -= 1) {
            const dayStart = today - silent - d * DAY;
            let sum = 0;
            let n = 0;
            let lastAt = 0;
            let lastValue = 0;
            for (let h = 0; h < 12 && left > 0; h += 1, left -= 1) {
              const at = dayStart + (6 + h) * HOUR;
              const value =
                Math.round(base * (1 + trend * (days - d)) * (0.85 + 0.3 * r.next()) * 100) / 100;
              rows.measurements.push([pointId(), metricId, at, value, 'api', at + 60_000]);
              sum += value;
              n += 1;
              lastAt = at;
              lastValue = value;
            }
            rows.daily.push([metricId, day(dayStart), n, sum, lastAt, lastValue, '["api"]']);
            counts.points += n;
          }
        }

        // Goals: agreed in good shape; waiting for a signature or overdue in trouble.
        const goalIds: string[] = [];
        for (let g = 0; g < LARGE_SCALE.goalsPerInitiative; g += 1) {
          const goalId = randomUUID();
          goalIds.push(goalId);
          const metricId = metricIds[g % metricIds.length] as string;
          const base = metricBase[g % metricBase.length] as number;
          const early = stageIndex <= 1;
          const status =
            early && g > 1
              ? 'draft'
              : shape === 2 && g < 2
                ? 'proposed'
                : g === 4 && r.chance(0.3)
                  ? r.pick(['achieved', 'missed', 'dropped'] as const)
                  : shape === 1 && g === 0
                    ? 'proposed'
                    : 'agreed';
          const goalCreated = created + (2 + g) * DAY;
          const due = day(shape === 2 && g === 2 ? now - 10 * DAY : now + (30 + r.int(300)) * DAY);
          const terms = {
            metricId,
            baselineValue: base,
            baselineDate: day(goalCreated),
            targetValue: Math.round(base * (r.chance(0.5) ? 1.2 : 0.8) * 100) / 100,
            dueDate: due,
          };
          const version = status === 'draft' ? 0 : 1;
          rows.goals.push([
            goalId,
            id,
            english
              ? `${en}: improve ${METRICS[(i + g) % METRICS.length]?.[0] ?? 'the metric'} by ${place}`
              : `${de}: ${METRICS[(i + g) % METRICS.length]?.[0] ?? 'Kennzahl'} in ${place} verbessern`,
            english
              ? 'Agreed by both sides as the measure of success.'
              : 'Von beiden Seiten als Erfolgsmaß vereinbart.',
            terms.metricId,
            terms.baselineValue,
            terms.baselineDate,
            terms.targetValue,
            terms.dueDate,
            owner.id,
            itOwner.id,
            status,
            status === 'dropped' ? 'Nicht mehr relevant nach Umorganisation.' : null,
            status === 'achieved' ? iso(now - r.int(30) * DAY) : null,
            version,
            1,
            owner.id,
            iso(goalCreated),
            iso(goalCreated + DAY),
          ]);
          if (version === 1) {
            rows.versions.push([
              'goal',
              goalId,
              1,
              JSON.stringify(terms),
              owner.id,
              iso(goalCreated),
            ]);
            rows.signatures.push(['goal', goalId, 1, owner.id, 'business', iso(goalCreated)]);
            if (status !== 'proposed')
              rows.signatures.push(['goal', goalId, 1, itOwner.id, 'it', iso(goalCreated + DAY)]);
          }
          counts.goals += 1;
        }

        // Handoffs: mostly accepted; some waiting, some returned (twice in trouble).
        for (let h = 0; h < LARGE_SCALE.handoffsPerInitiative; h += 1) {
          const handoffId = randomUUID();
          const toBusiness = h % 2 === 1;
          const sender = toBusiness ? itOwner : owner;
          const receiver = toBusiness ? owner : itOwner;
          const from = stages[
            Math.min(stageIndex, h % (stageIndex + 1))
          ] as (typeof stages)[number];
          const late = h >= 17;
          const state = !late
            ? 'accepted'
            : shape === 0
              ? r.pick(['accepted', 'submitted', 'draft'] as const)
              : r.pick(['submitted', 'returned', 'withdrawn'] as const);
          const returns =
            state === 'draft'
              ? 0
              : state === 'returned' || (shape === 2 && late)
                ? 1 + r.int(2)
                : r.chance(0.1)
                  ? 1
                  : 0;
          const rounds = state === 'draft' ? 0 : returns + (state === 'returned' ? 0 : 1);
          const start =
            created + ((h + 1) * (now - created)) / (LARGE_SCALE.handoffsPerInitiative + 2);
          const submitted = state === 'draft' ? null : start + DAY;
          const closedAt =
            state === 'accepted' || state === 'withdrawn' ? start + (3 + rounds * 3) * DAY : null;
          const dueDate = day(
            state === 'submitted' && shape !== 0 ? now - (2 + r.int(10)) * DAY : start + 14 * DAY,
          );
          rows.handoffs.push([
            handoffId,
            id,
            toBusiness
              ? english
                ? `Test results for ${from.nameEn}`
                : `Testergebnisse zur Abnahme (${from.nameDe})`
              : english
                ? `Requirements for ${from.nameEn}`
                : `Fachliche Anforderungen (${from.nameDe})`,
            english ? 'Please review the attached material.' : 'Bitte die Unterlagen prüfen.',
            from.id,
            null,
            sender.id,
            receiver.id,
            receiver.side,
            dueDate,
            JSON.stringify([
              {
                id: 'd1',
                title: english ? 'Documentation' : 'Dokumentation',
                kind: 'document',
                link: 'https://wiki.example/tandem',
                description: '',
              },
            ]),
            '[]',
            state,
            rounds,
            returns,
            submitted === null ? null : iso(submitted),
            closedAt === null ? null : iso(closedAt),
            1 + rounds + returns,
            sender.id,
            iso(start),
            iso(closedAt ?? (submitted ?? start) + returns * 3 * DAY),
          ]);
          let t = submitted ?? start;
          for (let k = 1; k <= rounds; k += 1) {
            rows.handoffEvents.push([
              randomUUID(),
              handoffId,
              'submitted',
              k,
              sender.id,
              null,
              '[]',
              iso(t),
            ]);
            if (k <= returns) {
              t += 2 * DAY;
              rows.handoffEvents.push([
                randomUUID(),
                handoffId,
                'returned',
                k,
                receiver.id,
                english
                  ? 'Acceptance criteria are incomplete.'
                  : 'Abnahmekriterien sind unvollständig.',
                '[]',
                iso(t),
              ]);
              t += DAY;
            }
          }
          if (state === 'accepted' || state === 'withdrawn')
            rows.handoffEvents.push([
              randomUUID(),
              handoffId,
              state,
              Math.max(1, rounds),
              state === 'accepted' ? receiver.id : sender.id,
              null,
              '[]',
              iso(closedAt ?? t),
            ]);
          if (state === 'submitted' && r.chance(0.4))
            rows.questions.push([
              randomUUID(),
              handoffId,
              receiver.id,
              'receiver',
              english
                ? 'Which data set was used for the test?'
                : 'Welcher Datenstand wurde getestet?',
              iso(now - (1 + r.int(12)) * DAY),
            ]);
          counts.handoffs += 1;
        }

        // Demos: weekly, 40 past and 10 coming; the troubled ones skip or go one-sided.
        const cadenceId = randomUUID();
        const nOcc = LARGE_SCALE.occurrencesPerInitiative;
        const weekday = 1 + (i % 5);
        const thisWeek = today - (((new Date(today).getUTCDay() + 6) % 7) - (weekday - 1)) * DAY;
        const first = thisWeek - (nOcc - 10) * 7 * DAY;
        rows.cadences.push([
          cadenceId,
          id,
          'weekly',
          weekday,
          '10:00',
          45,
          'Europe/Berlin',
          day(first),
          r.pick(['Teams', 'Raum Rhein', 'Zoom', 'Besprechungsraum 3.14']),
          itOwner.id,
          JSON.stringify([owner.id, itOwner.id]),
          1,
          owner.id,
          iso(created),
          iso(created),
        ]);
        for (let o = 0; o < nOcc; o += 1) {
          const ruleDay = first + o * 7 * DAY;
          const startsAt = berlinTen(ruleDay);
          const past = startsAt + 45 * 60_000 < now;
          const recent = o >= nOcc - 14;
          const state = !past
            ? 'planned'
            : shape === 2 && recent
              ? r.pick(['skipped', 'cancelled', 'planned'] as const)
              : r.chance(shape === 0 ? 0.9 : 0.7)
                ? 'held'
                : r.pick(['skipped', 'cancelled'] as const);
          const occurrenceId = randomUUID();
          const recorded = state === 'held' || state === 'skipped' || state === 'cancelled';
          rows.occurrences.push([
            occurrenceId,
            id,
            cadenceId,
            day(ruleDay),
            iso(startsAt),
            iso(startsAt + 45 * 60_000),
            state,
            state === 'skipped' || state === 'cancelled'
              ? english
                ? 'Nothing new to show.'
                : 'Nichts Neues zu zeigen.'
              : null,
            0,
            state === 'planned' || state === 'held' ? 0 : 1,
            itOwner.id,
            state === 'held'
              ? english
                ? 'Showed the latest build.'
                : 'Aktuellen Stand vorgeführt.'
              : '',
            '[]',
            state === 'held' ? JSON.stringify([goalIds[o % goalIds.length]]) : '[]',
            recorded ? itOwner.id : null,
            recorded ? iso(startsAt + HOUR) : null,
            recorded ? 2 : 1,
            iso(created),
            iso(recorded ? startsAt + HOUR : created),
          ]);
          if (state === 'held') {
            const oneSided = shape === 2 && r.chance(0.6);
            rows.attendees.push([occurrenceId, itOwner.id, 'it', 2 + r.int(4)]);
            if (!oneSided)
              rows.attendees.push([
                occurrenceId,
                owner.id,
                'business',
                shape === 1 ? 1 + r.int(2) : 3 + r.int(3),
              ]);
            if (r.chance(0.1)) {
              const due = startsAt + 14 * DAY;
              const done = due < now && r.chance(shape === 0 ? 0.9 : 0.4);
              rows.feedback.push([
                randomUUID(),
                occurrenceId,
                id,
                r.pick(['concern', 'idea', 'defect'] as const),
                english
                  ? 'Edge cases in the export are not handled yet.'
                  : 'Sonderfälle im Export fehlen noch.',
                owner.id,
                'business',
                iso(startsAt + HOUR),
                itOwner.id,
                day(due),
                done ? 'done' : 'open',
                iso(startsAt + HOUR),
                done ? iso(due - DAY) : null,
              ]);
            }
          }
          counts.occurrences += 1;
        }
      }
    }
    // Fresh statistics, so the first reads after the seed get good plans.
    const serverCpu = writer.serverCpuSeconds();
    const ownCpu = process.cpuUsage();
    log(
      `CPU time: ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)} s this process${serverCpu === undefined ? '' : `, ${serverCpu.toFixed(1)} s its PostgreSQL server process`}`,
    );
    await writer.analyze([
      'measurements',
      'metric_daily',
      'metrics',
      'initiatives',
      'goals',
      'handoffs',
      'handoff_events',
      'demo_occurrences',
      'demo_attendees',
      'audit_events',
    ]);
    return counts;
  } finally {
    await writer.close();
  }
}
