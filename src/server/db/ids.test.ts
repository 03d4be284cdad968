import { describe, expect, it } from 'vitest';
import { newSortableId } from './ids.js';

describe('newSortableId', () => {
  it('is a version 7 UUID', () => {
    expect(newSortableId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sorts in creation order, also within one millisecond', () => {
    const ms = Date.now() + 10_000;
    const ids = Array.from({ length: 5000 }, () => newSortableId(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
