import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapGrowingFlag } from './heap.js';

describe('the heap growth tandem serve sets', () => {
  it('is set unless the operator chose one on the command line', () => {
    expect(heapGrowingFlag([])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowingFlag(['--enable-source-maps', '--max-old-space-size=2048'])).toBe(
      '--heap-growing-percent=50',
    );
    expect(heapGrowingFlag(['--heap-growing-percent=80'])).toBeUndefined();
    expect(heapGrowingFlag(['--heap_growing_percent=0'])).toBeUndefined();
    // A different flag that starts alike is not the operator's choice of growth.
    expect(heapGrowingFlag(['--heap-growing-percentage=5'])).toBeDefined();
  });

  it('is a flag V8 honours when set after start: the next limit is 1.5 times the live heap, not 4', () => {
    // A misspelt flag would be ignored without a word; V8's own trace shows the factor it used.
    const churn = `
      const v8 = require('node:v8');
      // After '--' the flag is the script's argument, set at run time as tandem serve does
      // (before it, Node would take it as its own command-line option).
      if (process.argv[1]) v8.setFlagsFromString(process.argv[1]);
      const keep = [];
      for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 5e5) keep.splice(0, 1e5); }`;
    const factors = (flag: string | undefined) => {
      const run = spawnSync(
        process.execPath,
        ['--trace-gc-verbose', '-e', churn, '--', ...(flag ? [flag] : [])],
        { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 64 << 20 },
      );
      expect(run.status).toBe(0);
      return [...run.stdout.matchAll(/\[HeapController\] Limit: .*\(([\d.]+)\)/g)].map((m) =>
        Number(m[1]),
      );
    };
    const set = factors(heapGrowingFlag([]));
    expect(set.length).toBeGreaterThan(0);
    expect(new Set(set)).toEqual(new Set([1 + HEAP_GROWING_PERCENT / 100]));
    // Without it V8 lets this program's heap grow further (its own choice is up to 4).
    expect(Math.max(...factors(undefined))).toBeGreaterThan(1 + HEAP_GROWING_PERCENT / 100);
  });
});
