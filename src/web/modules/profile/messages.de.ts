import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/** German UI strings of the profile page ("Sie", plain business language, the glossary's words). */
export const de: Translation<typeof en> = {
  profile: {
    title: 'Profil',
    personal: 'Persönliche Angaben',
    name: 'Name',
    email: 'E-Mail',
    department: 'Abteilung',
    side: 'Seite',
    role: 'Rolle',
    language: 'Bevorzugte Sprache',
    languageHint: 'Tandem und E-Mails an Sie verwenden diese Sprache.',
    changePassword: 'Passwort ändern',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    repeatPassword: 'Neues Passwort wiederholen',
    passwordChanged: 'Ihr Passwort wurde geändert.',
    profileSaved: 'Ihr Profil wurde gespeichert.',
    managedByAdmin: 'Abteilung, Seite und Rolle pflegt die Administration.',
  },
};
