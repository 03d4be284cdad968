import v8 from 'node:v8';

/**
 * How far V8 lets the JavaScript heap grow past what survived its last full collection before
 * it collects again, in per cent. Left to itself, V8 on a machine with much memory lets a
 * program that allocates quickly grow its heap up to four times its live data. Under 50
 * concurrent readers of the large demo (1,000 initiatives) the server then peaked anywhere
 * between 217 and 368 MB from run to run, with about 70 MB of live data. At 50 % it peaked at
 * 210–239 MB, at request rates in the same range (docs/BENCHMARKS.md, results of 2026-12-03).
 */
export const HEAP_GROWING_PERCENT = 50;

const GIVEN = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * The V8 flag `tandem serve` sets, or undefined when the operator chose a growth already
 * (`node --heap-growing-percent=… bin/tandem.js serve`; Node does not take this flag from
 * NODE_OPTIONS): theirs wins, `--heap-growing-percent=0` being V8's own choice.
 */
export function heapGrowingFlag(execArgv: readonly string[]): string | undefined {
  return execArgv.some((arg) => GIVEN.test(arg))
    ? undefined
    : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/**
 * Sets the heap growth for this process. V8 reads it each time it sets the next collection's
 * limit, so setting it after start takes effect (unlike the heap's maximum sizes, which are
 * fixed when the process starts).
 */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
): string | undefined {
  const flag = heapGrowingFlag(execArgv);
  if (flag) v8.setFlagsFromString(flag);
  return flag;
}
