import { SIGN_REFUSALS } from '../domain/agreement.js';
import { CADENCE_PROBLEMS } from '../domain/cadence.js';
import { GATE_PROBLEMS } from '../domain/goals.js';
import { HANDOFF_REFUSALS } from '../domain/handoffs.js';

/**
 * Every `code` the server puts in an RFC 9457 problem+json answer. Clients translate by code
 * and fall back to `detail` for codes they do not know. Besides these, errors raised by the
 * framework itself (a malformed URL, an unsupported content type) carry its own code in lower
 * case, e.g. `fst_err_ctp_invalid_media_type`.
 */
export const PROBLEM_CODES = [
  // Any route
  'validation_failed',
  'unauthorized',
  'forbidden',
  'read_only',
  'admin_only',
  'not_found',
  'conflict',
  'version_conflict',
  'unsupported_media_type',
  'not_acceptable',
  'internal',
  'database_unavailable',
  'access_check_failed',
  'token_read_only',
  'session_required',
  'local_login_off',
  'sso_not_configured',
  // Sign-in and invitations
  'too_many_attempts',
  'invite_invalid',
  'reset_invalid',
  'password_reset_off',
  // Stages and initiatives
  'stage_in_use',
  'last_stage',
  'stage_has_history',
  'stage_by_handoff',
  'is_owner',
  // Agreements (metric definitions and goals)
  ...SIGN_REFUSALS,
  'not_proposed',
  'already_proposed',
  'goal_closed',
  'not_measurable',
  // Measurements
  'duplicate_measurement',
  'import_invalid',
  'time_zone_changed',
  'token_scope',
  // Handoffs
  ...HANDOFF_REFUSALS,
  'initiative_inactive',
  'stage_moved',
  // Demos
  'not_planned',
  'already_held',
  'future_occurrence',
  'not_held',
  'already_action',
  'not_action',
  // Events (admin)
  'not_failed',
  // Comments
  'comment_deleted',
  // Privacy
  'erase_self',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Every `code` of one field's problem in `errors` (beside JSON Schema keywords for bad shapes). */
export const FIELD_CODES = [
  'invalid',
  'required',
  'duplicate',
  'range',
  'integer',
  'out_of_range',
  'invalid_timestamp',
  'invalid_row',
  'control_character',
  'in_past',
  'in_the_past',
  // People
  'unknown_person',
  'disabled',
  'viewer',
  'observer',
  'same_person',
  'already_member',
  'is_owner',
  'owner',
  'self',
  'last_admin',
  'taken',
  'wrong_password',
  // Stages, initiatives, handoffs
  'unknown_stage',
  'same_stage',
  'unknown_item',
  'unknown_question',
  'not_a_permutation',
  ...HANDOFF_REFUSALS,
  // Goals and metrics
  ...SIGN_REFUSALS,
  ...GATE_PROBLEMS,
  'foreign_metric',
  'unknown_metric',
  'not_agreed',
  'not_proposed',
  // Demos
  ...CADENCE_PROBLEMS,
  'not_attendee',
  'foreign_goal',
  // Comments
  'cannot_read',
  // Channels (target addresses)
  'insecure_url',
  'private_address',
  'unresolvable',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];
