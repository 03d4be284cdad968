import { createElement, lazy, useState, type ComponentType } from 'react';

/**
 * A page whose code is loaded on demand, as `React.lazy`, but drawn at once when its code is
 * already there (asked for at start-up, preload.ts). `React.lazy` suspends on its first draw even
 * then: React commits the fallback, and holds the page back for its Suspense throttle (up to
 * 300 ms) before it shows, one more draw and layout of the whole screen before the first row.
 */
export function lazyPage<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> & { preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (err: unknown) => {
        // Asked again next time (a new deployment, the network back).
        pending = undefined;
        throw err;
      },
    ));
  const Lazy = lazy(preload);
  function Page(props: P) {
    // Chosen once per mount: changing from the lazy wrapper to the loaded page later would
    // mount the page a second time.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(Component, props);
  }
  return Object.assign(Page, { preload });
}
