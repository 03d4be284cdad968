/**
 * Finding message keys that no code uses. Pure functions over the messages and the source text,
 * so the test can run them on the real app and on a small example.
 */

/** A key built at run time: `{}` stands for the part that comes from a value. */
export interface DynamicKey {
  pattern: string;
  /** The values the part takes; when given, keys with any other value count as unused. */
  values?: readonly (string | number)[];
  /** Where the key is built, for the reader. */
  where: string;
}

type Tree = { readonly [key: string]: string | Tree };

/** Every key of a message tree, dotted (`goals.status.draft`, `activity.action.goal.signed`). */
export function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : keysOf(value, `${prefix}${key}.`),
  );
}

/** `initiatives.count_other` is used as `initiatives.count` (i18next picks the plural form). */
export const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

/** Every quoted string in the sources that looks like a message key. */
export function literalKeys(sources: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const text of sources) {
    for (const m of text.matchAll(/(['"`])([A-Za-z_]\w*(?:\.\w+)+)\1/g)) if (m[2]) found.add(m[2]);
  }
  return found;
}

/**
 * Every template literal in the sources that starts like a key of one of `namespaces` and has a
 * value in it, as a pattern: `goals.status.${s}` → `goals.status.{}`.
 */
export function dynamicPatterns(sources: Iterable<string>, namespaces: Set<string>): Set<string> {
  const found = new Set<string>();
  for (const text of sources) {
    for (const m of text.matchAll(/`((\w+)\.[\w.]*)\$\{[^}`]*\}([\w.]*)`/g)) {
      if (m[2] && namespaces.has(m[2])) found.add(`${m[1]}{}${m[3] ?? ''}`);
    }
  }
  return found;
}

function matchesDynamic(key: string, dynamic: DynamicKey): boolean {
  const [head = '', tail = ''] = dynamic.pattern.split('{}');
  if (!key.startsWith(head) || !key.endsWith(tail) || key.length <= head.length + tail.length) {
    return false;
  }
  const part = key.slice(head.length, key.length - tail.length);
  return dynamic.values === undefined || dynamic.values.map(String).includes(part);
}

/** Keys neither quoted in the sources nor built by one of the listed dynamic patterns. */
export function unusedKeys(
  keys: readonly string[],
  sources: Iterable<string>,
  dynamic: readonly DynamicKey[],
): string[] {
  const literals = literalKeys(sources);
  return keys.filter(
    (key) =>
      !literals.has(key) &&
      !literals.has(withoutPlural(key)) &&
      !dynamic.some((d) => matchesDynamic(key, d)),
  );
}
