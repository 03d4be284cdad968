/** Whether `value` is one of the listed words; narrows it to their union. */
export const isOneOf = <T extends string>(
  list: readonly T[],
  value: string | null | undefined,
): value is T =>
  value !== null && value !== undefined && (list as readonly string[]).includes(value);
