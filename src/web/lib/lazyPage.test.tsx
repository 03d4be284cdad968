import { act, render, screen } from '@testing-library/react';
import { Suspense, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazyPage.js';

/** A page module whose code arrives when the test says so. */
function deferredModule() {
  let arrive: () => void = () => undefined;
  let loads = 0;
  const Counter = ({ label }: { label: string }) => {
    const [n, setN] = useState(0);
    return (
      <button type="button" onClick={() => setN(n + 1)}>
        {label} {n}
      </button>
    );
  };
  const code = new Promise<{ default: typeof Counter }>((resolve) => {
    arrive = () => resolve({ default: Counter });
  });
  return {
    load: () => {
      loads += 1;
      return code;
    },
    arrive: () => arrive(),
    loads: () => loads,
  };
}

describe('lazyPage', () => {
  it('code already there: the first draw is the page itself, never the fallback', async () => {
    const module = deferredModule();
    const Page = lazyPage(module.load);
    module.arrive();
    await Page.preload();
    const seen: string[] = [];
    const Fallback = () => {
      seen.push('fallback');
      return <p>loading</p>;
    };
    render(
      <Suspense fallback={<Fallback />}>
        <Page label="page" />
      </Suspense>,
    );
    // Synchronously after the first render: no waiting for a retry.
    expect(screen.getByRole('button', { name: 'page 0' })).toBeTruthy();
    expect(seen).toEqual([]);
    expect(module.loads()).toBe(1);
  });

  it('code not there yet: the fallback, then the page, which keeps its state when drawn again', async () => {
    const module = deferredModule();
    const Page = lazyPage(module.load);
    const { rerender } = render(
      <Suspense fallback={<p>loading</p>}>
        <Page label="page" />
      </Suspense>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    await act(async () => {
      module.arrive();
      await Page.preload();
    });
    const button = await screen.findByRole('button', { name: 'page 0' });
    act(() => button.click());
    expect(screen.getByRole('button', { name: 'page 1' })).toBeTruthy();
    // Drawn again now that the code is known: the same page, not mounted a second time.
    rerender(
      <Suspense fallback={<p>loading</p>}>
        <Page label="page" />
      </Suspense>,
    );
    expect(screen.getByRole('button', { name: 'page 1' })).toBeTruthy();
    expect(module.loads()).toBe(1);
  });

  it('a failed load is asked again the next time', async () => {
    let calls = 0;
    const Back = () => <p>back</p>;
    const Page = lazyPage(() => {
      calls += 1;
      return calls === 1
        ? Promise.reject<{ default: typeof Back }>(new Error('offline'))
        : Promise.resolve({ default: Back });
    });
    await expect(Page.preload()).rejects.toThrow('offline');
    await Page.preload();
    render(<Page />);
    expect(screen.getByText('back')).toBeTruthy();
    expect(calls).toBe(2);
  });
});
