import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { literalOf } from './connect.js';

describe('literalOf (afterInOneTrip’s values as literals)', () => {
  const client = new pg.Client() as unknown as pg.PoolClient;

  it('quotes a text as pg’s escapeLiteral does, quotes and backslashes included', () => {
    for (const v of ['', 'plain', "O'Brien", 'C:\\temp', "a'b\\c", 'ümlaut ✓', "''"])
      expect(literalOf(client, v)).toBe(client.escapeLiteral(v));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (v) => {
        expect(literalOf(client, v)).toBe(client.escapeLiteral(v));
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("'", '\\', 'a', ' ')).map((cs) => cs.join('')),
        (v) => {
          expect(literalOf(client, v)).toBe(client.escapeLiteral(v));
        },
      ),
    );
  });

  it('numbers and booleans as quoted text, null as null, others not at all', () => {
    expect(literalOf(client, 12.5)).toBe("'12.5'");
    expect(literalOf(client, true)).toBe("'true'");
    expect(literalOf(client, null)).toBe('null');
    expect(literalOf(client, { a: 1 })).toBeUndefined();
  });
});
