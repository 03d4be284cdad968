/**
 * Collaboration health: the fact sheet that goes in and the explained result that comes out.
 *
 * The fact sheet is deliberately flat and explicit so that a SQL layer can fill it with a
 * handful of cheap queries per initiative (see docs/HEALTH.md, "How to feed it"). Everything
 * that needs judgement (how late is too late, what a stage requires) happens in the rules,
 * never in the gathering layer. Instants are ISO-8601 UTC strings; days are YYYY-MM-DD.
 */
import type { Side } from '../agreement.js';
import type { CadenceInterval, OccurrenceState } from '../cadence.js';
import type { Period } from '../periods.js';

export type { Side };

/** The four pillars of the collaboration. */
export const PILLARS = ['goals', 'handoffs', 'demos', 'metrics'] as const;
export type Pillar = (typeof PILLARS)[number];

/** What gets an Ampel and a score: the four pillars and the owners' own view beside them. */
export const HEALTH_AREAS = [...PILLARS, 'owners'] as const;
export type HealthArea = (typeof HEALTH_AREAS)[number];
/** What a reason belongs to: an area, or the overall verdict. */
export const REASON_AREA_NAMES = [...HEALTH_AREAS, 'overall'] as const;
export type ReasonArea = (typeof REASON_AREA_NAMES)[number];

export const AMPELS = ['green', 'amber', 'red'] as const;
export type Ampel = (typeof AMPELS)[number];

/** A name the UI shows in the reader's language (stage names are kept in both). */
export interface LocalizedName {
  de: string;
  en: string;
}

/** An owner's weekly judgement of the initiative. */
export const OWNER_VIEWS = ['on_track', 'at_risk', 'off_track'] as const;
export type OwnerView = (typeof OWNER_VIEWS)[number];

// ───────────────────────────── the fact sheet ─────────────────────────────

/** Whether a missing stage requirement was merely expected or required. */
export const REQUIREMENT_LEVELS = ['expected', 'required'] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];
/** 'proposed': at least one goal proposed or agreed; 'agreed': at least one agreed goal. */
export const GOAL_REQUIREMENTS = ['none', 'proposed', 'agreed'] as const;
/** 'defined': at least one metric defined; 'agreed': at least one with an agreed definition. */
export const METRIC_REQUIREMENTS = ['none', 'defined', 'agreed'] as const;
/** A demo cadence: 'expected' (missing → amber-level) or 'required' (missing → red-level). */
export const DEMO_CADENCE_REQUIREMENTS = ['none', ...REQUIREMENT_LEVELS] as const;

/** What a stage demands of each pillar (see stages.ts for the table and its reasons). */
export interface StageRequirements {
  goals: (typeof GOAL_REQUIREMENTS)[number];
  metrics: (typeof METRIC_REQUIREMENTS)[number];
  /** Agreed metrics must have data (a metric without any point is a problem). */
  metricData: boolean;
  demoCadence: (typeof DEMO_CADENCE_REQUIREMENTS)[number];
}

export interface StageFacts {
  /** The stage's stable key, e.g. 'pilot' (stages.key). */
  key: string;
  name: LocalizedName;
  /** stages.position, for ordering only. */
  position: number;
  /**
   * Keys of the stages before this one, nearest last. An admin-added stage with an unknown
   * key inherits the requirements of the nearest known stage before it.
   */
  precedingKeys?: readonly string[];
  /** Overrides the stage table for this stage (e.g. a future admin setting). */
  requires?: StageRequirements;
}

export type GoalStatus = 'draft' | 'proposed' | 'agreed' | 'achieved' | 'missed' | 'dropped';

/** Signatures of the *current* version per side (ISO instant), null while missing. */
export interface SignedBy {
  business: string | null;
  it: string | null;
}

export interface GoalHealthFacts {
  id: string;
  /** The goal's statement: its name in every reason. */
  statement: string;
  status: GoalStatus;
  /** When the current version was proposed (that version's creation); null for drafts. */
  proposedAt: string | null;
  signedAt: SignedBy;
  /** YYYY-MM-DD, the goal's due date. */
  dueDate: string | null;
  baselineValue: number | null;
  targetValue: number | null;
  /** The metric it is measured by, for the wording ("closed leads 18 % behind plan"). */
  metric: { name: string; unit: string } | null;
  /** Today's value and the plan value for today; null without data. */
  progress: { currentValue: number; planValue: number } | null;
  /** The trend extended to the due date (domain/goals.ts forecast); null with too few points. */
  forecast: { valueAtDue: number; meetsTarget: boolean } | null;
}

export type HandoffStatus = 'draft' | 'submitted' | 'returned' | 'accepted' | 'withdrawn';

export interface HandoffQuestionFacts {
  id: string;
  askedAt: string;
  askedBy: 'sender' | 'receiver';
}

export interface HandoffHealthFacts {
  id: string;
  title: string;
  fromStage: LocalizedName;
  /** null: the work changes hands within the stage. */
  toStage: LocalizedName | null;
  state: HandoffStatus;
  senderSide: Side;
  receiverSide: Side;
  /** YYYY-MM-DD: the last day for the receiver's answer (a UTC calendar day). */
  dueDate: string;
  /** How often it was returned (handoffs.return_count). */
  returns: number;
  /** Accepted or withdrawn at; null while open. */
  closedAt: string | null;
  /** Questions still open (neither answered nor withdrawn). */
  openQuestions: readonly HandoffQuestionFacts[];
}

export interface DemoOccurrenceFacts {
  id: string;
  /** The local day it takes place (after a move), in the cadence's time zone. */
  day: string;
  state: OccurrenceState;
  /** Held demos: attendees per side. */
  attendance: { business: number; it: number };
  /** Held demos: the average confidence vote (1–5) per side, null without votes. */
  confidence: { business: number | null; it: number | null };
}

export interface ActionItemFacts {
  /** The feedback item that carries the action. */
  id: string;
  occurrenceId: string;
  text: string;
  /** YYYY-MM-DD, null without a due date (then it is never overdue). */
  dueDate: string | null;
}

export interface DemoHealthFacts {
  cadence: {
    interval: CadenceInterval;
    /** YYYY-MM-DD: the first day of the rule. */
    startsOn: string;
    timeZone: string;
  } | null;
  /** Occurrences of the last 90 days up to today, any state (older ones are ignored). */
  occurrences: readonly DemoOccurrenceFacts[];
  /** The last held demo's local day, also when it is older than 90 days. */
  lastHeldDay: string | null;
  /** Action items not done yet (open or in progress). */
  openActionItems: readonly ActionItemFacts[];
}

export interface PushSourceFacts {
  /** The API token that pushes. */
  tokenId: string;
  name: string;
  /** Its latest push to this metric. */
  lastPushAt: string;
}

export interface MetricHealthFacts {
  id: string;
  name: string;
  unit: string;
  period: Period;
  createdAt: string;
  /** When the current definition version was created (signatures are waited for since). */
  definitionSince: string;
  signedAt: SignedBy;
  /** The time of the latest data point (not when it arrived); null without data. */
  lastDataAt: string | null;
  /** Machine sources (API tokens, not revoked) that pushed to this metric before. */
  pushSources: readonly PushSourceFacts[];
}

export interface OwnerUpdateFacts {
  view: OwnerView;
  writtenAt: string;
}

/** Everything the rules look at for one initiative. */
export interface HealthInputs {
  initiativeId: string;
  createdAt: string;
  /** IANA zone for "today" (goals, metrics, owners): the company's, e.g. Europe/Berlin. */
  timeZone: string;
  stage: StageFacts;
  goals: readonly GoalHealthFacts[];
  handoffs: readonly HandoffHealthFacts[];
  demos: DemoHealthFacts;
  metrics: readonly MetricHealthFacts[];
  /** The latest weekly update of each owner, null when they never wrote one. */
  ownerUpdates: { business: OwnerUpdateFacts | null; it: OwnerUpdateFacts | null };
}

// ───────────────────────────── the result ─────────────────────────────

/** What to open to fix a reason. The initiative is the result's `initiativeId`. */
export type HealthLink =
  | { kind: 'area'; area: HealthArea }
  | { kind: 'goal'; goalId: string }
  | { kind: 'handoff'; handoffId: string; questionId?: string }
  | { kind: 'demo'; occurrenceId: string }
  | { kind: 'actionItem'; feedbackId: string; occurrenceId: string }
  | { kind: 'metric'; metricId: string }
  | { kind: 'pushSource'; metricId: string; tokenId: string }
  | { kind: 'weeklyUpdate'; side: Side };

/** Parameters of every reason code: numbers, names, dates — never finished sentences. */
export interface ReasonParamsByCode {
  'goals.none_proposed': { stage: LocalizedName; level: RequirementLevel };
  'goals.none_agreed': { stage: LocalizedName; level: RequirementLevel };
  'goals.signature_pending': { goal: string; days: number; waitingFor: Side[] };
  'goals.past_due': { goal: string; dueDate: string; days: number };
  'goals.behind_plan': {
    goal: string;
    metric: string | null;
    unit: string;
    /** Percent of the way from baseline to target, one decimal. */
    behindPct: number;
    current: number;
    plan: number;
  };
  'goals.forecast_miss': {
    goal: string;
    unit: string;
    forecast: number;
    target: number;
    dueDate: string;
  };
  'handoffs.answer_overdue': {
    handoff: string;
    from: LocalizedName;
    to: LocalizedName | null;
    days: number;
    dueDate: string;
    waitingFor: Side;
  };
  'handoffs.returned_repeatedly': {
    handoff: string;
    from: LocalizedName;
    to: LocalizedName | null;
    returns: number;
  };
  'handoffs.question_open': {
    handoff: string;
    from: LocalizedName;
    to: LocalizedName | null;
    /** Open questions at least as old as the threshold. */
    count: number;
    /** Age of the oldest one. */
    days: number;
    /** Who owes the answer to the oldest one. */
    waitingFor: Side;
  };
  'demos.no_cadence': { stage: LocalizedName; level: RequirementLevel };
  'demos.adherence_low': { held: number; planned: number; ratePct: number; windowDays: number };
  'demos.overdue': { days: number; since: string };
  'demos.last_held_long_ago': {
    days: number;
    lastHeldDay: string;
    interval: CadenceInterval;
  };
  'demos.never_held': { days: number; startsOn: string };
  'demos.one_sided_attendance': { missingSide: Side; count: number; of: number };
  'demos.confidence_divergent': { business: number; it: number; difference: number; day: string };
  'demos.action_items_overdue': { count: number; oldestDays: number; oldestText: string };
  'metrics.none_defined': { stage: LocalizedName; level: RequirementLevel };
  'metrics.none_agreed': { stage: LocalizedName; level: RequirementLevel };
  'metrics.definition_unsigned': { metric: string; days: number; waitingFor: Side[] };
  'metrics.no_data': { metric: string; days: number };
  'metrics.data_stale': { metric: string; days: number; lastDataDay: string; period: Period };
  'metrics.push_silent': { metric: string; source: string; days: number; lastPushDay: string };
  'owners.update_missing': { side: Side };
  'owners.update_stale': { side: Side; days: number; writtenDay: string };
  'owners.disagree': { business: OwnerView; it: OwnerView; steps: number };
  'owners.contradict_health': { side: Side; view: OwnerView; ampel: Ampel };
  'overall.weakest': { ampel: Ampel; score: number; areas: HealthArea[] };
  'overall.all_clear': { score: number };
}

export type ReasonCode = keyof ReasonParamsByCode;

/** The area each code belongs to (also the list of every code, for exhaustive tests). */
export const REASON_AREAS: { readonly [C in ReasonCode]: ReasonArea } = {
  'goals.none_proposed': 'goals',
  'goals.none_agreed': 'goals',
  'goals.signature_pending': 'goals',
  'goals.past_due': 'goals',
  'goals.behind_plan': 'goals',
  'goals.forecast_miss': 'goals',
  'handoffs.answer_overdue': 'handoffs',
  'handoffs.returned_repeatedly': 'handoffs',
  'handoffs.question_open': 'handoffs',
  'demos.no_cadence': 'demos',
  'demos.adherence_low': 'demos',
  'demos.overdue': 'demos',
  'demos.last_held_long_ago': 'demos',
  'demos.never_held': 'demos',
  'demos.one_sided_attendance': 'demos',
  'demos.confidence_divergent': 'demos',
  'demos.action_items_overdue': 'demos',
  'metrics.none_defined': 'metrics',
  'metrics.none_agreed': 'metrics',
  'metrics.definition_unsigned': 'metrics',
  'metrics.no_data': 'metrics',
  'metrics.data_stale': 'metrics',
  'metrics.push_silent': 'metrics',
  'owners.update_missing': 'owners',
  'owners.update_stale': 'owners',
  'owners.disagree': 'owners',
  'owners.contradict_health': 'owners',
  'overall.weakest': 'overall',
  'overall.all_clear': 'overall',
};
export const REASON_CODES = Object.keys(REASON_AREAS) as ReasonCode[];

/**
 * One explained deduction. `deduction` is the points it takes off its area's score (0 for
 * the overall explanation); `severity` is the Ampel this reason alone would cause.
 */
export type HealthReason = {
  [C in ReasonCode]: {
    code: C;
    area: ReasonArea;
    deduction: number;
    severity: Ampel;
    params: ReasonParamsByCode[C];
    link: HealthLink;
  };
}[ReasonCode];

/** A reason of one code, with its typed parameters. */
export type ReasonOf<C extends ReasonCode> = Extract<HealthReason, { code: C }>;

export interface AreaHealth {
  area: HealthArea;
  ampel: Ampel;
  /** 100 minus the reasons' deductions, never below 0. */
  score: number;
  /**
   * False when the pillar has nothing in it and the stage demands nothing of it (an idea
   * without goals): it is green, but the UI may show it as "not yet relevant".
   */
  applicable: boolean;
  /** Largest deduction first. */
  reasons: HealthReason[];
}

export interface HealthResult {
  initiativeId: string;
  /** The `now` it was computed for (ISO). */
  computedAt: string;
  stage: { key: string; name: LocalizedName; requires: StageRequirements };
  /** The weakest of the four pillars and the owners' view. */
  overall: {
    ampel: Ampel;
    score: number;
    /** The areas with the lowest score (the overall's cause). */
    weakest: HealthArea[];
    /** One reason that says why ("overall amber because handoffs are amber"). */
    reason: HealthReason;
  };
  pillars: Record<Pillar, AreaHealth>;
  /** The owners' own view beside the computed health, as a fifth area. */
  owners: AreaHealth;
}
