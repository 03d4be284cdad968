import type { Side } from '../../../../domain/sides.js';
import type { AuditInput } from '../../audit/audit.service.js';
import type { listStages } from '../../stages/stages.service.js';
import type { SeedRows } from './columns.js';

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

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** mulberry32: small, fast, deterministic. */
export function random(seed: number) {
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
export type Random = ReturnType<typeof random>;

export const iso = (ms: number) => new Date(ms).toISOString();
export const day = (ms: number) => iso(ms).slice(0, 10);
/** 10:00 in Berlin as UTC (summer time from the last Sunday of March to that of October). */
export function berlinTen(dayMs: number): number {
  const d = new Date(dayMs);
  const y = d.getUTCFullYear();
  const lastSunday = (month: number) => {
    const end = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, end.getUTCDate() - end.getUTCDay());
  };
  const summer = dayMs >= lastSunday(2) && dayMs < lastSunday(9);
  return dayMs + (summer ? 8 : 9) * HOUR;
}

export interface Person {
  id: string;
  name: string;
  side: Side;
}

/** The seeded people by what they may do: owners and contributors per side, and viewers. */
export interface People {
  business: Person[];
  it: Person[];
  viewers: Person[];
}

/**
 * What every part of one slice's seed shares. `r` is the one random sequence of the whole
 * seed: the parts draw from it in a fixed order (people, then per initiative: the initiative,
 * its metrics, goals, handoffs and demos), so the same seed gives the same data.
 */
export interface SliceSeed {
  r: Random;
  now: number;
  /** Midnight UTC of the day of `now`. */
  today: number;
  stages: Awaited<ReturnType<typeof listStages>>;
  pointsPerMetric: number;
  /** The next measurement's id (sortable, in insertion order). */
  pointId: () => string;
  counts: LargeSeedCounts;
  rows: SeedRows;
  audit: AuditInput[];
}

/** One initiative as its metrics, goals, handoffs and demos need it. */
export interface InitiativeSeed {
  i: number;
  id: string;
  /** 0: in good shape (60 %), 1: drifting (25 %), 2: in trouble (15 %). */
  shape: 0 | 1 | 2;
  owner: Person;
  itOwner: Person;
  stageIndex: number;
  created: number;
  english: boolean;
  de: string;
  en: string;
  place: string;
  title: string;
}
