// Starts the first screen's requests while the app's code is still on its way and being
// parsed (~0.5–1 s on a slow computer): the session, and on the two big list pages their data
// and their code. The app takes each answer over by its address (api/client.ts takeEarly)
// instead of asking again; what it does not take within its start is forgotten (preload.ts).
// The addresses must be the ones the app's queries use (src/web/early.test.ts checks them): a
// different one costs only a request, never a wrong answer. A file, not an inline script: the
// Content-Security-Policy allows scripts from Tandem's origin only.
(function () {
  var early = {};
  window.__tandemEarly = early;
  // A page drawn on the server (http/first-screen.ts) brings the small answers it was drawn
  // from after its markup; the app takes them from there (api/client.ts). The large ones (the
  // list's data) it names on <html data-ask> with the version it was drawn from: asked for
  // here alone, and whether each came back in that version decides whether the app takes the
  // drawn page over or draws it anew (main.tsx, window.__tandemDrawnCurrent).
  var html = document.documentElement;
  var drawn = html.hasAttribute('data-drawn');
  var ask = function (path) {
    var res = fetch('/api' + path, {
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json' },
    });
    // Not taken (another language chosen since): no "unhandled rejection" when offline.
    res.catch(function () {});
    early[path] = res;
    return res;
  };
  var get = function (path) {
    if (!drawn) void ask(path);
  };
  if (drawn) {
    var asks = {};
    try {
      asks = JSON.parse(html.getAttribute('data-ask') || '{}') || {};
    } catch {
      // Unreadable: asked for nothing, and the app draws the page anew (below: not current).
      asks = null;
    }
    window.__tandemDrawnCurrent = asks
      ? Promise.all(
          Object.keys(asks).map(function (path) {
            var version = asks[path];
            return ask(path).then(
              function (res) {
                return res.ok && res.headers.get('etag') === version;
              },
              function () {
                return false;
              },
            );
          }),
        ).then(function (same) {
          return same.indexOf(false) < 0;
        })
      : Promise.resolve(false);
  }
  // As api/client.ts withQuery: the given order, empty values left out.
  var withQuery = function (path, pairs) {
    var s = new URLSearchParams();
    for (var i = 0; i < pairs.length; i += 1) {
      if (pairs[i][1] !== undefined && pairs[i][1] !== '') s.set(pairs[i][0], pairs[i][1]);
    }
    var q = s.toString();
    return q ? path + '?' + q : path;
  };
  var oneOf = function (list, v) {
    return list.indexOf(v) >= 0 ? v : undefined;
  };
  // As i18n/index.ts: the last choice, else the first supported language of the browser; on a
  // page drawn on the server, the language it was drawn in (start.ts).
  var language = function () {
    if (drawn && /^(de|en)$/.test(document.documentElement.lang)) {
      return document.documentElement.lang;
    }
    var tried = [];
    try {
      tried.push(localStorage.getItem('tandem-language'));
    } catch {
      // No storage (private mode): the browser's languages.
    }
    tried = tried.concat(navigator.languages || [], [navigator.language]);
    for (var i = 0; i < tried.length; i += 1) {
      var l = String(tried[i] || '')
        .toLowerCase()
        .split('-')[0];
      if (l === 'de' || l === 'en') return l;
    }
    return 'en';
  };
  var RISK_CLASSES = ['minimal', 'limited', 'high', 'prohibited'];
  var script = document.currentScript;
  var preload = function () {
    // The list pages' code (its file names are written into index.html by the build,
    // vite.config.ts namesForEarlyScript).
    var js = script && script.getAttribute('data-lists-js');
    var css = script && script.getAttribute('data-lists-css');
    if (css) addLink('preload', css, 'style');
    if (js) addLink('modulepreload', js);
  };
  var addLink = function (rel, href, as) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    if (as) link.as = as;
    // As Vite's own links (crossorigin=""): a preload in another CORS mode is not reused, so
    // the browser would fetch the file twice.
    link.crossOrigin = '';
    document.head.appendChild(link);
  };

  get('/me');
  // The messages of the language the app starts in (its own chunk, i18n/index.ts), which the
  // app needs before it draws anything: beside the main chunk, not after it. The other
  // language's are loaded only when someone switches to it.
  var messages = script && script.getAttribute('data-messages-' + language());
  if (messages) addLink('modulepreload', messages);
  // The first date or time a page formats costs ~50 ms (the browser loads its locale data):
  // paid now, while the app's code is still loading, instead of when the first rows draw.
  var warmUp = function () {
    try {
      var de = language() === 'de';
      var locale = de ? 'de-DE' : 'en-GB';
      // As i18n/format.ts dateTime (the lists' "changed" column).
      new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month: de ? '2-digit' : 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(0);
      new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-1, 'day');
    } catch {
      // An old browser without them: the app's own formatting decides.
    }
  };
  // Not on a page drawn on the server: its rows are formatted already, and showing them comes
  // first (the app formats its own when it takes the page over).
  if (!drawn) {
    requestAnimationFrame(function () {
      setTimeout(warmUp, 0);
    });
  }
  var path = location.pathname.replace(/\/+$/, '');
  var params = new URLSearchParams(location.search);
  var text = function (k) {
    var v = (params.get(k) || '').trim();
    return v || undefined;
  };
  if (path === '/initiatives') {
    // A stage filter names the stage by its key; the API wants its id (known after the stages).
    if (!text('stage')) {
      var q = text('q');
      get(
        withQuery('/initiatives', [
          ['q', q && q.slice(0, 200)],
          ['department', text('department')],
          ['owner', text('owner')],
          ['status', oneOf(['active', 'paused', 'done', 'cancelled'], params.get('status'))],
          ['riskClass', oneOf(RISK_CLASSES, params.get('riskClass'))],
          ['mine', params.get('mine') === 'true' ? 'true' : undefined],
        ]),
      );
    }
    preload();
    // What the page's filters list: in the same round, so the page draws once with all of it.
    get('/stages');
    get('/people');
    get('/departments');
  } else if (path === '/portfolio') {
    var raw = function (k) {
      return params.get(k) || undefined;
    };
    get(
      withQuery('/portfolio', [
        ['department', raw('department')],
        ['stage', raw('stage')],
        ['owner', raw('owner')],
        ['riskClass', oneOf(RISK_CLASSES, params.get('riskClass'))],
        ['health', oneOf(['red', 'amber', 'green'], params.get('health'))],
        ['sort', params.get('sort') === 'title' ? 'title' : undefined],
        ['lang', language()],
      ]),
    );
    preload();
    get('/stages');
    get('/departments');
    // The owner filter's people, where it shows at once (wider than a phone: lib/phone.ts).
    if (!(window.matchMedia && matchMedia('(max-width: 47.99em)').matches)) get('/people');
  }
})();
