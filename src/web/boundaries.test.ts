import { describe, expect, it } from 'vitest';
import { importsOf, isTestFile, resolveImport, webSources } from './test-support/sources.js';

/**
 * The web app's layers, checked on the source text:
 * - it reaches outside src/web only for the shared contracts and the pure domain (never the server);
 * - shared layers (components, queries, api, lib, i18n) import no feature module;
 * - feature modules (modules/<name>) and shared layers import each other without cycles, so a
 *   pillar never depends on a page that hosts it. Pages that host other modules' parts (the
 *   initiative page with its pillar tabs, the desk) sit above them.
 */

const SHARED = ['components', 'queries', 'api', 'lib', 'i18n'];

/** The area a file belongs to: `modules/<name>`, a shared layer, or `app` (the composition root). */
function areaOf(path: string): string {
  const [first, second] = path.split('/');
  if (first === 'modules' && second) return `modules/${second}`;
  return path.includes('/') && first ? first : 'app';
}

/**
 * Message files are data the i18n resources gather from every module; they hold no code, so
 * i18n reading them is not a dependency on their module.
 */
const isMessageFile = (path: string) => /\/messages\.[a-z]{2}\.(ts|js)$/.test(path);

const codeFiles = [...webSources].filter(([path]) => !isTestFile(path));

function areaGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const [path, text] of codeFiles) {
    for (const specifier of importsOf(text)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveImport(path, specifier);
      if (target.startsWith('../') || isMessageFile(target)) continue;
      const from = areaOf(path);
      const to = areaOf(target);
      if (from === to) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      edges.set(to, `${path} → ${target}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** One cycle in a directed graph as the list of nodes around it, or null when there is none. */
export function findCycle(graph: Map<string, Map<string, unknown>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('web import boundaries', () => {
  it('sees the sources (the checks below are not vacuous)', () => {
    expect(codeFiles.length).toBeGreaterThan(100);
    expect(webSources.has('modules/goals/GoalPage.tsx')).toBe(true);
  });

  it('reaches outside src/web only for contracts and domain, never the server', () => {
    const outside = [...webSources].flatMap(([path, text]) =>
      importsOf(text)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolveImport(path, s))
        .filter((target) => target.startsWith('../'))
        .filter((target) => !/^\.\.\/(contracts|domain)\//.test(target))
        .map((target) => `${path} → ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('keeps shared layers free of feature modules', () => {
    const graph = areaGraph();
    const wrong = SHARED.flatMap((area) =>
      [...(graph.get(area) ?? [])]
        .filter(([to]) => to.startsWith('modules/') || to === 'app')
        .map(([, example]) => example),
    );
    expect(wrong).toEqual([]);
  });

  it('has no import cycle between modules and layers', () => {
    const graph = areaGraph();
    const cycle = findCycle(graph);
    const explained = cycle?.slice(1).map((to, i) => graph.get(cycle[i] ?? '')?.get(to));
    expect(explained ?? []).toEqual([]);
  });

  it('has no import cycle between files either', () => {
    const graph = new Map<string, Map<string, string>>();
    for (const [path, text] of codeFiles) {
      const targets = importsOf(text)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolveImport(path, s).replace(/\.js$/, ''))
        .filter((target) => !target.startsWith('../'))
        .map((target) => [target, path] as const);
      graph.set(path.replace(/\.tsx?$/, ''), new Map(targets));
    }
    // The edges join up (a specifier resolves to a file's name), so the check is not vacuous.
    const joined = [...graph.values()]
      .flatMap((edges) => [...edges.keys()])
      .filter((to) => graph.has(to));
    expect(joined.length).toBeGreaterThan(300);
    expect(findCycle(graph) ?? []).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['modules/goals', new Map([['modules/metrics', '']])],
      ['modules/metrics', new Map([['modules/initiatives', '']])],
      ['modules/initiatives', new Map([['modules/goals', '']])],
      ['components', new Map<string, string>()],
    ]);
    expect(findCycle(graph)).toEqual([
      'modules/goals',
      'modules/metrics',
      'modules/initiatives',
      'modules/goals',
    ]);
    graph.get('modules/initiatives')?.clear();
    expect(findCycle(graph)).toBeNull();
  });

  it('resolves relative imports the way the bundler does', () => {
    expect(resolveImport('modules/goals/GoalPage.tsx', '../metrics/MetricChart.js')).toBe(
      'modules/metrics/MetricChart.js',
    );
    expect(resolveImport('modules/goals/GoalPage.tsx', '../../../server/app.js')).toBe(
      '../server/app.js',
    );
    expect(importsOf("import a from './a.js';\nconst B = lazy(() => import('./b.js'));")).toEqual([
      './a.js',
      './b.js',
    ]);
  });
});
