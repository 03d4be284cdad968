import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../contracts/common.js';
import type { de, en } from './resources.js';

export const LANGUAGES = ['de', 'en'] as const satisfies readonly Language[];
export const LANGUAGE_STORAGE_KEY = 'tandem-language';

/** Both languages' messages, at hand from the start (resources.ts: the server, unit tests). */
export interface Bundled {
  de: typeof de;
  en: typeof en;
}

/**
 * Each language's messages in its own chunk of the browser's build (vite.config.ts names them
 * for public/early.js, which preloads the one the page starts in beside the main chunk): the
 * app loads only the language it speaks, and another before it switches to it.
 */
const MESSAGE_CHUNKS: Record<Language, () => Promise<ResourceKey>> = {
  de: () => import('./resources.de.js').then((m) => m.de),
  en: () => import('./resources.en.js').then((m) => m.en),
};

/**
 * i18next's way to a language it has not got: the language's chunk. i18next asks for it before
 * it switches (changeLanguage resolves, and `languageChanged` fires, once the messages are
 * there), so no render shows keys or a mix of languages.
 */
const messageChunks: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language, _namespace, callback) => {
    MESSAGE_CHUNKS[currentLanguage(language)]().then(
      (messages) => callback(null, messages),
      // `true`: i18next asks again (up to 5 times, waiting longer each time), so a chunk
      // that failed once (a dropped connection) does not leave keys on screen.
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), true),
    );
  },
};

/** Narrows whatever i18next reports (e.g. "de-DE") to a supported language. */
export function currentLanguage(
  lng: string | undefined = i18n.resolvedLanguage ?? i18n.language,
): Language {
  return lng?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage(lng);
}

let ready: Promise<unknown> = Promise.resolve();

/**
 * Initialises i18next once. The language comes from the last choice (localStorage), else the
 * browser; once signed in, the profile's language wins (see useApplyProfileLanguage).
 *
 * With `bundled` (both languages' messages, resources.ts) it is ready at once; without (the
 * browser's app), it loads the starting language's chunk: `i18nReady()` settles when it is
 * there, and nothing may render before (main.tsx). `i18n.language` names the language at once.
 */
export function initI18n(options: { lng?: Language; bundled?: Bundled } = {}): typeof i18n {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', syncDocumentLanguage);
    const { bundled } = options;
    if (!bundled) i18n.use(messageChunks);
    ready = i18n
      .use(LanguageDetector)
      .use(initReactI18next)
      .init({
        ...(bundled
          ? { resources: { de: { translation: bundled.de }, en: { translation: bundled.en } } }
          : {}),
        ...(options.lng ? { lng: options.lng } : {}),
        supportedLngs: [...LANGUAGES],
        nonExplicitSupportedLngs: true,
        load: 'languageOnly',
        // English where nothing else fits (an unsupported browser language), but no fallback
        // for German: the key types make each language complete (messages.test.ts), and a
        // fallback would make i18next load English's chunk beside German's.
        fallbackLng: { de: [], default: ['en'] },
        interpolation: { escapeValue: false },
        returnNull: false,
        detection: {
          order: ['localStorage', 'navigator'],
          lookupLocalStorage: LANGUAGE_STORAGE_KEY,
          caches: ['localStorage'],
        },
        react: { useSuspense: false },
        // Bundled messages are ready at once, no first render without them; a chunk is asked
        // for at once too (i18nReady).
        initAsync: false,
      });
    syncDocumentLanguage(i18n.resolvedLanguage ?? i18n.language ?? 'en');
  }
  return i18n;
}

/** Settles once the starting language's messages are there (at once when bundled). */
export const i18nReady = (): Promise<unknown> => ready;

export default i18n;
