/**
 * Statements compiled once and run many times with other values. Building and compiling a
 * Kysely query costs about as much as running a small indexed one (the health recompute's
 * fact queries: ~1 ms of building and compiling per recompute for ~1 ms of SQLite work), so
 * hot statements of a fixed shape are compiled with marks in place of the values that change
 * per call, and each call only puts its values in the marks' places.
 */
import type { CompiledQuery, Kysely, KyselyPlugin } from 'kysely';

/** The placeholder value of a template's slot `n` (a string no caller passes). */
export const templateMark = (n: number): string => `\u0000tandem-slot-${n}\u0000`;

/** A compiled statement and which of its parameters take which of a call's values. */
export interface Template {
  compiled: CompiledQuery;
  /** Parameter position → slot number. */
  slots: ReadonlyMap<number, number>;
}

const MARK_PREFIX = '\u0000tandem-slot-';

/**
 * The template of a statement compiled with marks (templateMark(n)) among its values, each
 * of the first `required` marks a parameter of its own (others may be unused); null when a
 * mark went anywhere else (into the SQL text, or inside an array or object parameter) or a
 * required one is missing: such a statement cannot be run with other values and is built
 * each time.
 */
export function templateOf(compiled: CompiledQuery, required: number): Template | null {
  if (compiled.sql.includes(MARK_PREFIX)) return null;
  const slots = new Map<number, number>();
  const seen = new Set<number>();
  for (const [i, p] of compiled.parameters.entries()) {
    if (typeof p === 'string' && p.startsWith(MARK_PREFIX)) {
      const n = Number(p.slice(MARK_PREFIX.length, -1));
      if (p !== templateMark(n)) return null;
      slots.set(i, n);
      seen.add(n);
    } else if (typeof p === 'object' && p !== null && JSON.stringify(p).includes('tandem-slot-'))
      return null;
    else if (typeof p === 'string' && p.includes(MARK_PREFIX)) return null;
  }
  for (let n = 0; n < required; n += 1) if (!seen.has(n)) return null;
  return { compiled, slots };
}

/** The template's statement with `values[n]` in the place of slot n. */
export function bindTemplate<R>(t: Template, values: readonly unknown[]): CompiledQuery<R> {
  return {
    ...t.compiled,
    parameters: t.compiled.parameters.map((p, i) => {
      const n = t.slots.get(i);
      return n === undefined ? p : values[n];
    }),
  } as CompiledQuery<R>;
}

/** Plugins that change no query and need not see each statement (connect.ts's write counter). */
const unseenPlugins = new WeakSet<KyselyPlugin>();

/**
 * Marks a plugin whose transformQuery changes no query and may miss a templated statement
 * (a bound template runs without transformQuery; its results still pass transformResult).
 */
export function templateSafe<P extends KyselyPlugin>(plugin: P): P {
  unseenPlugins.add(plugin);
  return plugin;
}

/**
 * Whether `db` may run templates: only with templateSafe plugins. Any other plugin (a test's
 * fault injection, say) must see every statement built, and may change what is compiled.
 */
function servesTemplates(db: Kysely<any>): boolean {
  return db.getExecutor().plugins.every((p) => unseenPlugins.has(p));
}

/**
 * A bounded cache of templates by key (say, a statement's kind and how many ids its `in`
 * lists hold): `make` builds and compiles the statement with the marks; a statement whose
 * marks do not all become parameters is remembered as not cacheable (null). The key must
 * name the dialect: every Kysely instance of one dialect compiles alike (connect.ts gives
 * them the same plugins, which change no query), so a template serves them all; an instance
 * with other plugins gets null (no template: it builds each statement) and adds none.
 */
export class TemplateCache<K extends string> {
  private readonly entries = new Map<string, Template | null>();
  /** `max`: keys kept, at most (say, statement kinds × the counts of ids in use). */
  constructor(private readonly max = 200) {}

  get(db: Kysely<any>, key: K, required: number, make: () => CompiledQuery): Template | null {
    if (!servesTemplates(db)) return null;
    let t = this.entries.get(key);
    if (t === undefined) {
      t = templateOf(make(), required);
      // Over the bound: the least recently used key goes (a Map keeps insertion order, and
      // each use moves its key to the end), not every other key with it.
      if (this.entries.size >= this.max) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    } else this.entries.delete(key);
    this.entries.set(key, t);
    return t;
  }
}

/**
 * `true` when `Listed` names every key of `All`, else the keys it misses: a list of columns or
 * parts a template is built from, checked at compile time (`const x: ListsAll<…> = true`).
 */
export type ListsAll<All, Listed> = [Exclude<All, Listed>] extends [never]
  ? true
  : Exclude<All, Listed>;
