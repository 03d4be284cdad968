/** Where an initiative stands, beside its stage. */
export const INITIATIVE_STATUSES = ['active', 'paused', 'done', 'cancelled'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
