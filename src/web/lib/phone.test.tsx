import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { asPhone } from '../test-support/viewport.js';
import { startHydrating, useEndOfHydration } from './hydration.js';
import { PHONE_QUERY, useScreenQuery } from './phone.js';

/** What the hook answered, render by render. */
function answers(): boolean[] {
  const seen: boolean[] = [];
  renderHook(() => {
    seen.push(useScreenQuery(PHONE_QUERY));
  });
  return seen;
}

describe('useScreenQuery', () => {
  it('a wide screen: false at the first render, and no second render for it', () => {
    expect(answers()).toEqual([false]);
  });

  it('a phone: true at the first render (the cards drawn at once, not a table first)', () => {
    asPhone();
    expect(answers()).toEqual([true]);
  });

  it('while the app takes over a page the server drew (wide): first the server’s answer, then the browser’s', () => {
    asPhone();
    startHydrating();
    try {
      const seen = answers();
      // The server drew a wide screen: the first render must match it (hydration) …
      expect(seen[0]).toBe(false);
      // … and the phone's answer follows at once.
      expect(seen.at(-1)).toBe(true);
    } finally {
      renderHook(() => useEndOfHydration());
    }
  });

  it('while taking over on a wide screen: one answer, no second render', () => {
    startHydrating();
    try {
      expect(answers()).toEqual([false]);
    } finally {
      renderHook(() => useEndOfHydration());
    }
  });
});
