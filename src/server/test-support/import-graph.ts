import fs from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  /** The importing file, relative to the root. */
  from: string;
  /** The imported file, relative to the root (a `.js` specifier resolved to its `.ts`). */
  to: string;
}

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'|(?:^|\n)\s*import\s+'(\.[^']+)'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** The relative imports between the source files below `root` (tests left out). */
export function importEdges(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(root)) {
    if (/\.test\.tsx?$/.test(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2];
      if (!spec) continue;
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      edges.push({ from: path.relative(root, file), to: path.relative(root, target) });
    }
  }
  return edges;
}

/** Cycles in a directed graph, each as the list of nodes around it (first node repeated last). */
export function cycles(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  }
  const found: string[][] = [];
  const seen = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      found.push([...trail.slice(at), node]);
      return;
    }
    if (seen.has(node)) return;
    seen.add(node);
    for (const n of next.get(node) ?? []) visit(n, [...trail, node]);
  };
  for (const node of next.keys()) visit(node, []);
  return found;
}
