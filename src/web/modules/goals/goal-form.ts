import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import {
  CreateGoalBody,
  type GoalDetail,
  type GoalTerms,
  type UpdateGoalBody,
} from '../../../contracts/goals.js';
import type { Direction } from '../../../contracts/metrics.js';
import { qualityGate, type GateProblem } from '../../../domain/goals.js';
import { zodErrors } from '../../lib/validation.js';
import { TERM_FIELDS } from './goal-format.js';

export interface GoalFormValues {
  statement: string;
  rationale: string;
  metricId: string | null;
  /** Empty string: not entered yet (Mantine's NumberInput gives '' when cleared). */
  baselineValue: number | string;
  /** YYYY-MM-DD from `<input type="date">`, '' when empty. */
  baselineDate: string;
  targetValue: number | string;
  dueDate: string;
  businessResponsibleId: string | null;
  itResponsibleId: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in the browser's time zone, YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function emptyGoalValues(
  owners: { businessResponsibleId: string | null; itResponsibleId: string | null },
  today: string,
): GoalFormValues {
  return {
    statement: '',
    rationale: '',
    metricId: null,
    baselineValue: '',
    baselineDate: today,
    targetValue: '',
    dueDate: '',
    ...owners,
  };
}

export function fromGoal(g: GoalDetail): GoalFormValues {
  return {
    statement: g.statement,
    rationale: g.rationale,
    metricId: g.metric?.id ?? null,
    baselineValue: g.baselineValue ?? '',
    baselineDate: g.baselineDate ?? '',
    targetValue: g.targetValue ?? '',
    dueDate: g.dueDate ?? '',
    businessResponsibleId: g.businessResponsible?.id ?? null,
    itResponsibleId: g.itResponsible?.id ?? null,
  };
}

/** '' → null; `12,5` and `12.5` → 12.5; anything else → NaN (reported as invalid). */
export function numberOf(v: number | string): number | null {
  if (typeof v === 'number') return v;
  const s = v.trim();
  return s === '' ? null : Number(s.replace(',', '.'));
}

const dayOf = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** The signed terms as the form describes them. */
export function termsOf(v: GoalFormValues): GoalTerms {
  return {
    metricId: v.metricId || null,
    baselineValue: numberOf(v.baselineValue),
    baselineDate: dayOf(v.baselineDate),
    targetValue: numberOf(v.targetValue),
    dueDate: dayOf(v.dueDate),
  };
}

export function toCreateBody(v: GoalFormValues): CreateGoalBody {
  return {
    statement: v.statement.trim(),
    rationale: v.rationale.trim(),
    ...termsOf(v),
    businessResponsibleId: v.businessResponsibleId || null,
    itResponsibleId: v.itResponsibleId || null,
  };
}

/** Only what changed, so unchanged terms keep their signatures. */
export function toUpdateBody(v: GoalFormValues, goal: GoalDetail): UpdateGoalBody {
  const next = toCreateBody(v);
  const before = toCreateBody(fromGoal(goal));
  const body: UpdateGoalBody = { version: goal.version };
  for (const key of Object.keys(next) as (keyof CreateGoalBody)[]) {
    if (next[key] !== before[key]) Object.assign(body, { [key]: next[key] });
  }
  return body;
}

/**
 * True when saving changes the signed terms of a proposed or agreed goal: a new version,
 * and both signatures are void.
 */
export function changesTerms(v: GoalFormValues, goal: GoalDetail): boolean {
  if (goal.status === 'draft') return false;
  const next = termsOf(v);
  const before = termsOf(fromGoal(goal));
  return TERM_FIELDS.some((f) => next[f] !== before[f]);
}

/** The quality gate for what the form holds right now (the same rule the server applies). */
export function liveGate(
  v: GoalFormValues,
  direction: Direction | null,
  today: string,
): GateProblem[] {
  const terms = termsOf(v);
  const finite = (n: number | null) => (n !== null && Number.isFinite(n) ? n : null);
  return qualityGate(
    {
      ...terms,
      baselineValue: finite(terms.baselineValue),
      targetValue: finite(terms.targetValue),
      direction: terms.metricId ? direction : null,
      businessResponsibleId: v.businessResponsibleId || null,
      itResponsibleId: v.itResponsibleId || null,
    },
    today,
  );
}

/**
 * What must hold even for a draft: a statement, numbers that are numbers, real dates. What the
 * gate asks for (a target above the baseline, a due date in the future) is shown next to the
 * fields too, but only blocks proposing.
 */
export function validateGoal(v: GoalFormValues, t: TFunction): FormErrors {
  const errors = zodErrors(CreateGoalBody, toCreateBody(v), t);
  for (const key of ['baselineValue', 'targetValue'] as const) {
    const n = numberOf(v[key]);
    if (n !== null && !Number.isFinite(n)) errors[key] = t('validation.invalid');
    else if (errors[key]) errors[key] = t('validation.invalid');
  }
  for (const key of ['baselineDate', 'dueDate'] as const) {
    if (errors[key]) errors[key] = t('goals.form.invalidDate');
  }
  return errors;
}

/** Gate problems that are contradictions (not just gaps) belong next to their field. */
export function gateFieldHints(gate: readonly GateProblem[]): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const p of gate) if (p.code !== 'missing') out[p.field] ??= p.code;
  return out;
}
