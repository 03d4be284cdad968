import type { TFunction } from 'i18next';
import type { FieldCode, ProblemCode } from '../../../contracts/problems.js';
import { ApiError } from '../../api/client.js';
import { problemMessage, translatedFieldErrors } from '../../api/problems.js';
import { isOneOf } from '../../lib/one-of.js';

/** Handoff problem codes with a sentence of their own (`handoffs.problem.<code>`). */
export const HANDOFF_PROBLEMS = [
  'open_questions',
  'not_your_part',
  'invalid_transition',
  'reason_required',
  'checklist_incomplete',
  'no_deliverables',
  'stage_moved',
  'initiative_inactive',
  'question_closed',
  'stage_by_handoff',
] as const satisfies readonly ProblemCode[];
/** Field problem codes of handoff requests with a sentence (`handoffs.field.<code>`). */
export const HANDOFF_FIELD_PROBLEMS = [
  'same_person',
  'wrong_side',
  'not_member',
  'observer',
  'same_stage',
  'in_the_past',
  'unknown_item',
] as const satisfies readonly FieldCode[];
const isProblem = (c: string | undefined): c is (typeof HANDOFF_PROBLEMS)[number] =>
  isOneOf(HANDOFF_PROBLEMS, c);
const isField = (c: string | undefined): c is (typeof HANDOFF_FIELD_PROBLEMS)[number] =>
  isOneOf(HANDOFF_FIELD_PROBLEMS, c);

/** A handoff problem in the UI language; other problems as the app words them. */
export function handoffProblem(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && !error.isVersionConflict && isProblem(error.code))
    return t(`handoffs.problem.${error.code}`);
  return problemMessage(error, t);
}

/** Field errors of a handoff request, keyed by form path, in the UI language. */
export function handoffFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out = translatedFieldErrors(error, t);
  for (const issue of error.fieldIssues)
    if (isField(issue.code)) out[issue.path] = t(`handoffs.field.${issue.code}`);
  return out;
}
