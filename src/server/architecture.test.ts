import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, importEdges } from './test-support/import-graph.js';

/**
 * The modules' boundaries, checked rather than hoped for: a module reaches another only
 * through that module's services (`*.service.ts`: its exported functions), never through
 * its repository, presenter or routes; and no two modules depend on each other, directly
 * or around a circle. (Import rules per file are in .oxlintrc.json.)
 */
const modulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'modules');
const moduleOf = (file: string) => file.split(path.sep)[0] ?? '';
const edges = importEdges(modulesDir).filter((e) => !e.to.startsWith('..'));
const crossing = edges.filter((e) => moduleOf(e.from) !== moduleOf(e.to));

describe('module boundaries', () => {
  it('finds the modules and how they use each other (the check below sees something)', () => {
    expect(new Set(edges.map((e) => moduleOf(e.from))).size).toBeGreaterThan(8);
    expect(crossing.length).toBeGreaterThan(20);
  });

  it("reaches other modules only through their services' exported functions", () => {
    const offending = crossing
      .filter((e) => !e.to.endsWith('.service.ts'))
      .map((e) => `${e.from} → ${e.to}`);
    expect(offending).toEqual([]);
  });

  it('has no import cycles between modules', () => {
    const moduleEdges = crossing.map((e) => ({ from: moduleOf(e.from), to: moduleOf(e.to) }));
    expect(cycles(moduleEdges).map((c) => c.join(' → '))).toEqual([]);
  });

  it('the cycle finder finds a cycle (so an empty answer means something)', () => {
    expect(
      cycles([
        { from: 'goals', to: 'metrics' },
        { from: 'metrics', to: 'goals' },
      ]),
    ).toEqual([['goals', 'metrics', 'goals']]);
  });
});
