import type { ExpressionBuilder } from 'kysely';
import type { InitiativesTable } from '../../db/schema.js';

/**
 * "Initiatives this person leads": they are the business or IT owner or a deputy of either.
 * A condition on `initiatives as i`, for the portfolio's owner filter, the desk and the
 * check before a person changes sides. The one place the four columns are listed.
 */
export const ownedOrDeputisedBy =
  (personId: string) => (eb: ExpressionBuilder<{ i: InitiativesTable }, 'i'>) =>
    eb.or([
      eb('i.business_owner_id', '=', personId),
      eb('i.it_owner_id', '=', personId),
      eb('i.business_deputy_id', '=', personId),
      eb('i.it_deputy_id', '=', personId),
    ]);
