/**
 * What a translation of a message file must look like: the same keys, every text a string.
 * Each module's `messages.de.ts` is declared with `Translation<typeof en>` of its
 * `messages.en.ts`, so a key missing in German fails the typecheck, and a key only in German
 * fails it too (an object literal may only name known properties).
 */
export type Translation<T> = {
  -readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};
