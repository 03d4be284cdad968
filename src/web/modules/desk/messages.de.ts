import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/**
 * German UI strings of the “waiting for me” desk ("Sie", plain business language, the glossary's
 * words).
 */
export const de: Translation<typeof en> = {
  desk: {
    title: 'Wartet auf mich',
    description:
      'Ziele, die auf Ihre Freigabe warten, und Übergaben, bei denen Sie am Zug sind – auch für Personen, die Sie vertreten.',
    signoffs: 'Freigaben, die auf Sie warten',
    signoffsHint: 'Vorgeschlagene Ziele, deren aktuelle Fassung noch Ihre Freigabe braucht.',
    signFor: 'Sie geben frei für',
    initiative: 'Initiative',
    noSignoffs: 'Kein Ziel wartet auf Ihre Freigabe.',
    allDoneTitle: 'Gerade wartet nichts auf Sie.',
    allDoneText:
      'Hier sammelt sich alles, wobei Sie am Zug sind: Ziele, die Sie freigeben, und Übergaben, die Sie annehmen, beantworten oder erneut übergeben.',
    myInitiatives: 'Zu meinen Initiativen',
    navCount_one: '{{count}} Punkt wartet auf Sie',
    navCount_other: '{{count}} Punkte warten auf Sie',
  },
};
