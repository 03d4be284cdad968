/**
 * The web app's own source files as text, for tests that check the code's shape (import
 * boundaries, message keys in use). Paths are relative to src/web, e.g. `modules/goals/GoalPage.tsx`.
 */
const raw = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const webSources: ReadonlyMap<string, string> = new Map(
  Object.entries(raw).map(([path, text]) => [path.replace(/^\.\.\//, ''), text]),
);

export const isTestFile = (path: string) =>
  /\.test\.tsx?$/.test(path) || path.startsWith('test-') || path.includes('/test-');

/** Every module specifier a file imports, statically or with `import()`. */
export function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) if (match[1]) specifiers.push(match[1]);
  }
  return specifiers;
}

/**
 * Resolves a relative specifier against the importing file (both relative to src/web). Paths
 * outside src/web come back starting with `../` (e.g. `../contracts/goals.js`).
 */
export function resolveImport(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}
