import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, expect, it, vi } from 'vitest';
import { useAfterFirstPaint } from './useAfterFirstPaint.js';

// A file of its own: the deferred work starts once per page (module state).
const asked: IdleRequestCallback[] = [];
beforeEach(() => {
  vi.stubGlobal('requestIdleCallback', (fn: IdleRequestCallback) => asked.push(fn));
});

function Ready({ name }: { name: string }) {
  return <p>{`${name}: ${String(useAfterFirstPaint())}`}</p>;
}

/** Runs the idle callbacks asked for so far, in its render (between a sibling's render and effect). */
function IdleNow() {
  for (const fn of asked.splice(0)) fn({ didTimeout: false, timeRemaining: () => 50 });
  return null;
}

it('is ready for a component that rendered just before the deferred work started (not false for good)', async () => {
  const client = new QueryClient();
  const wrap = (children: ReactNode) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  // One component waits and has the idle callback asked for.
  const first = render(wrap(<Ready name="first" />));
  expect(screen.getByText('first: false')).toBeTruthy();
  expect(asked).toHaveLength(1);
  // Another renders (not ready yet), then the whole idle period comes before its effect runs.
  first.rerender(
    wrap(
      <>
        <Ready name="first" />
        <Ready name="late" />
        <IdleNow />
      </>,
    ),
  );
  await waitFor(() => expect(screen.getByText('late: true')).toBeTruthy());
  expect(screen.getByText('first: true')).toBeTruthy();
});
