import type { TFunction } from 'i18next';
import { ApiError, isApiError } from '../../api/client.js';
import { fieldMessage, problemMessage } from '../../api/problems.js';
import type { Direction } from '../../../contracts/metrics.js';
import type { ProblemCode } from '../../../contracts/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { gateMessage } from './goal-format.js';
import { isOneOf } from '../../lib/one-of.js';

/** Goal problem codes with a sentence of their own (`goals.problem.<code>`). */
export const GOAL_CODES = [
  'not_measurable',
  'goal_closed',
  'not_proposed',
  'already_proposed',
  'stale_version',
] as const satisfies readonly ProblemCode[];
type GoalCode = (typeof GOAL_CODES)[number];
const isGoalCode = (c: string | undefined): c is GoalCode => isOneOf(GOAL_CODES, c);

const GATE_CODES = new Set(['missing', 'wrong_direction', 'not_future', 'before_baseline']);

/** A failed goal request in plain words: the goal's own problems, else the app's. */
export function goalProblemMessage(error: unknown, t: TFunction): string {
  if (isApiError(error) && isGoalCode(error.code)) return t(`goals.problem.${error.code}`);
  return problemMessage(error, t);
}

/** Field path → message, for the goal form: gate problems and reference errors in our words. */
export function goalFieldErrors(
  error: unknown,
  t: TFunction,
  direction: Direction | null,
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.fieldIssues) {
    let message: string;
    if (issue.code === 'foreign_metric') message = t('goals.problem.foreign_metric');
    else if (issue.code === 'not_agreed') message = t('goals.problem.not_agreed');
    else if (issue.code && GATE_CODES.has(issue.code)) {
      message = gateMessage(
        { field: issue.path, code: issue.code, message: issue.message },
        t,
        direction,
      );
    } else message = fieldMessage(issue, t);
    out[issue.path] ??= message;
  }
  return out;
}

/** The app's ProblemAlert with the goal's own problems in words; only conflicts offer reload. */
export function GoalProblemAlert({
  error,
  onReload,
}: {
  error: unknown;
  onReload?: (() => void) | undefined;
}) {
  return (
    <ProblemAlert
      error={error}
      onReload={onReload}
      message={goalProblemMessage}
      // Someone changed the goal meanwhile (an edit, a new version, a signature): reload it.
      reloadWhen={(e) => isApiError(e) && e.status === 409}
    />
  );
}
