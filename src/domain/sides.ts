/**
 * The two sides of every initiative, and who owns a stage. The one definition of these
 * lists: contracts build their zod enums from them, table types derive from them.
 */
export const SIDES = ['business', 'it'] as const;
export type Side = (typeof SIDES)[number];

/** A stage is owned by one side, or by both together. */
export const OWNING_SIDES = [...SIDES, 'both'] as const;
export type OwningSide = (typeof OWNING_SIDES)[number];

export const otherSide = (side: Side): Side => (side === 'it' ? 'business' : 'it');
