import type { TFunction } from 'i18next';
import type {
  FieldCode as ServerFieldCode,
  ProblemCode as ServerProblemCode,
} from '../../contracts/problems.js';
import { ApiError, type FieldIssue } from './client.js';

/** Problem codes with a sentence of their own (`problem.<code>`). */
export const PROBLEM_CODES = [
  'network',
  'forbidden',
  'read_only',
  'admin_only',
  'not_found',
  'stage_in_use',
  'last_stage',
  'stage_has_history',
  'checklist_incomplete',
  'validation_failed',
  'stale_version',
  'already_signed',
  'not_member',
  'wrong_side',
  'duplicate_measurement',
  'import_invalid',
  'time_zone_changed',
  'unsupported_media_type',
  'internal',
  'database_unavailable',
  'access_check_failed',
] as const satisfies readonly (ServerProblemCode | 'network')[];
type ProblemCode = (typeof PROBLEM_CODES)[number];
const isProblemCode = (c: string | undefined): c is ProblemCode =>
  (PROBLEM_CODES as readonly (string | undefined)[]).includes(c);

/** Field problem codes with a sentence of their own (`serverError.<code>`). */
export const FIELD_CODES = [
  'same_person',
  'wrong_side',
  'viewer',
  'disabled',
  'unknown_person',
  'already_member',
  'taken',
  'wrong_password',
  'last_admin',
  'self',
  'owner',
  'is_owner',
  'not_member',
  'range',
  'integer',
  'out_of_range',
  'insecure_url',
  'private_address',
  'unresolvable',
] as const satisfies readonly ServerFieldCode[];
type FieldCode = (typeof FIELD_CODES)[number];
const isFieldCode = (c: string | undefined): c is FieldCode =>
  (FIELD_CODES as readonly (string | undefined)[]).includes(c);

/** A sentence for the user, in their language where we know the problem. */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('problem.generic');
  if (error.isVersionConflict) return t('problem.versionConflict');
  if (error.status === 0) return t('problem.network');
  if (isProblemCode(error.code)) return t(`problem.${error.code}`);
  if (error.status === 403) return t('problem.forbidden');
  if (error.status === 404) return t('problem.not_found');
  if (error.status >= 500) return t('problem.internal');
  return error.problem.detail ?? t('problem.generic');
}

/** The message for one field: ours where we know the code, else the server's words. */
export function fieldMessage(issue: FieldIssue, t: TFunction): string {
  if (issue.path === 'riskJustification' && issue.code === 'required') {
    return t('serverError.justification');
  }
  if (isFieldCode(issue.code)) return t(`serverError.${issue.code}`);
  return issue.message;
}

/** Form path → translated message, first issue per field. */
export function translatedFieldErrors(error: ApiError, t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.fieldIssues) out[issue.path] ??= fieldMessage(issue, t);
  return out;
}
