/**
 * The cache key of My desk. Shared, because the pillars' writes and the live updates
 * (lib/live.ts) refresh it.
 */
export const deskKey = ['desk'] as const;
