import { useWindowVirtualizer, windowScroll } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { isHydrating } from './hydration.js';

/**
 * True while the browser prints: a virtualised list then draws every row, so a printout is
 * never cut at the rows that happened to be on screen.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    // flushSync: the rows must be in the document before the browser lays out the print.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}

export interface VirtualRows {
  /** Put on the element the rows start in (tbody, ul): where the list begins on the page. */
  anchor: React.RefObject<HTMLElement | null>;
  /** The rows to draw now, by index into the list, with each row's place among all. */
  indexes: number[];
  /** Room to keep above and below the drawn rows, so the scrollbar is that of the whole list. */
  before: number;
  after: number;
  /** Put on every drawn row (with data-index) so its real height is measured. */
  measure: ((el: Element | null) => void) | undefined;
}

/**
 * The window a page drawn on the server (ssr.tsx) is drawn for: as tall as a large screen, so
 * its first rows fill any window. The app's first render over it draws the same rows
 * (lib/hydration.ts), then those for its own window.
 */
const SERVER_RECT = { width: 1440, height: 1200 };

/**
 * A long list that scrolls with the page but draws only the rows in and near the window
 * (@tanstack/react-virtual), so a thousand rows cost no more than thirty. Rows may differ
 * in height: each is measured once drawn; `estimate` is the guess before that.
 *
 * `top` is where the list starts on the page at the least (what is above it on the smallest
 * page: header, title, filters), until it is measured: the first draw (on the server, and the
 * app's taking it over) then has only the rows from there to the window's bottom, not a
 * window's height of rows of which the first screen shows a third. Too small only draws
 * rows below the window; too large would leave the window's bottom empty until measured.
 */
export function useVirtualRows(
  count: number,
  estimate: number,
  { overscan = 4, top = 0 }: { overscan?: number; top?: number } = {},
): VirtualRows {
  const anchor = useRef<HTMLElement | null>(null);
  const [margin, setMargin] = useState(top);
  const printing = usePrinting();
  // Where the list starts on the page; what is above it (filters folding, a message) moves it.
  // Read when the browser reports a size change (a ResizeObserver's first report comes right
  // after the first layout, before the first paint), never in the middle of React's commit:
  // reading a position there makes the browser lay out the page an extra time before the
  // first rows show (60–120 ms with a thousand rows on a slow computer).
  useLayoutEffect(() => {
    const measureMargin = () => {
      const el = anchor.current;
      if (!el) return;
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
      setMargin((m) => (m === top ? m : top));
    };
    if (typeof ResizeObserver === 'undefined') {
      measureMargin();
      return;
    }
    const observer = new ResizeObserver(measureMargin);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [count]);
  // The virtualizer scrolls the window to where it already is when it starts (to take over
  // the position); that write makes the browser lay out the freshly drawn page at once. The
  // position it starts from is the window's own (read as it first draws), so that first write
  // is left out.
  const started = useRef(false);
  const virtualizer = useWindowVirtualizer({
    count,
    scrollToFn: (offset, options, instance) => {
      if (!started.current) {
        started.current = true;
        if (!options.behavior && !options.adjustments && offset === instance.scrollOffset) return;
      }
      windowScroll(offset, options, instance);
    },
    estimateSize: () => estimate,
    overscan,
    // The window's size is known before anything is laid out: the first draw has its rows
    // already, instead of none until the virtualizer has observed the window.
    initialRect:
      typeof window === 'undefined' || isHydrating()
        ? SERVER_RECT
        : { width: window.innerWidth, height: window.innerHeight },
    scrollMargin: margin,
    // A row's height comes from the ResizeObserver the virtualizer puts on it (its report
    // carries the size: nothing to lay out). When a row is drawn, its last known height or
    // the estimate stands until then, so drawing rows never forces a layout.
    measureElement: (el, entry, instance) => {
      const box = entry?.borderBoxSize?.[0];
      if (box) return box.blockSize || estimate;
      if (!entry) {
        const known = instance.measurementsCache[instance.indexFromElement(el)];
        if (known) return known.size;
      }
      return el.getBoundingClientRect().height || estimate;
    },
  });
  if (printing)
    return {
      anchor,
      indexes: Array.from({ length: count }, (_, i) => i),
      before: 0,
      after: 0,
      measure: undefined,
    };
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);
  return {
    anchor,
    indexes: items.map((i) => i.index),
    before: first ? Math.max(0, first.start - margin) : 0,
    after: last ? Math.max(0, virtualizer.getTotalSize() - (last.end - margin)) : 0,
    measure: virtualizer.measureElement,
  };
}
