import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../contracts/common.js';
import { de, en } from './resources.js';

export const LANGUAGES = ['de', 'en'] as const satisfies readonly Language[];
export const LANGUAGE_STORAGE_KEY = 'tandem-language';

export const resources = { de: { translation: de }, en: { translation: en } } as const;

/** Narrows whatever i18next reports (e.g. "de-DE") to a supported language. */
export function currentLanguage(lng: string | undefined = i18n.resolvedLanguage): Language {
  return lng?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage(lng);
}

/**
 * Initialises i18next once. The language comes from the last choice (localStorage), else the
 * browser; once signed in, the profile's language wins (see useApplyProfileLanguage).
 */
export function initI18n(options: { lng?: Language } = {}): typeof i18n {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', syncDocumentLanguage);
    void i18n
      .use(LanguageDetector)
      .use(initReactI18next)
      .init({
        resources,
        ...(options.lng ? { lng: options.lng } : {}),
        supportedLngs: [...LANGUAGES],
        nonExplicitSupportedLngs: true,
        load: 'languageOnly',
        fallbackLng: 'en',
        interpolation: { escapeValue: false },
        returnNull: false,
        detection: {
          order: ['localStorage', 'navigator'],
          lookupLocalStorage: LANGUAGE_STORAGE_KEY,
          caches: ['localStorage'],
        },
        react: { useSuspense: false },
        // The messages are bundled: ready at once, no first render without them.
        initAsync: false,
      });
    syncDocumentLanguage(i18n.resolvedLanguage ?? i18n.language ?? 'en');
  }
  return i18n;
}

export default i18n;
