import { useCallback } from 'react';
import { useNavigate } from 'react-router';

/**
 * One click handler, on a big list's container, for the plain links in its rows (`<a href
 * data-route>`): a plain click opens the page inside the app, as react-router's `Link` would;
 * a click with a modifier key, another button, or to another origin is the browser's own (new
 * tab, download…). A `Link` is a component with half a dozen hooks, and a screen of the
 * portfolio holds ~120 of them: drawing them was a tenth of the page's first draw.
 */
export function useRouteLinkClicks(): (event: React.MouseEvent) => void {
  const navigate = useNavigate();
  return useCallback(
    (event: React.MouseEvent) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.altKey ||
        event.ctrlKey ||
        event.shiftKey
      )
        return;
      const target = event.target instanceof Element ? event.target : null;
      const link = target?.closest('a[data-route]');
      if (
        !(link instanceof HTMLAnchorElement) ||
        (link.target && link.target !== '_self') ||
        link.hasAttribute('download')
      )
        return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      void navigate(url.pathname + url.search + url.hash);
    },
    [navigate],
  );
}
