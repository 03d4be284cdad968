import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { isHydrating, startHydrating, useEndOfHydration } from './hydration.js';

describe('useEndOfHydration', () => {
  afterEach(() => {
    delete window.__tandemTakenOver;
  });

  it('marks when the app took the page over (hydrated), once per load', () => {
    startHydrating();
    expect(window.__tandemTakenOver).toBeUndefined();
    renderHook(() => useEndOfHydration());
    expect(isHydrating()).toBe(false);
    const first = window.__tandemTakenOver;
    expect(first).toBeTypeOf('number');
    // Another page of the app later (a click in the app): the first takeover stays.
    renderHook(() => useEndOfHydration());
    expect(window.__tandemTakenOver).toBe(first);
  });

  it('marks it too when the app drew the page itself (createRoot, no hydration)', () => {
    renderHook(() => useEndOfHydration());
    expect(window.__tandemTakenOver).toBeTypeOf('number');
  });
});
