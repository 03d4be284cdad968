import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/**
 * German UI strings of sign-in and invitations ("Sie", plain business language, the glossary's
 * words).
 */
export const de: Translation<typeof en> = {
  auth: {
    sso: {
      button: 'Anmelden mit {{name}}',
      or: 'oder mit Ihrem Passwort',
      refusal: {
        state:
          'Die Anmeldung hat zu lange gedauert oder wurde schon verwendet. Bitte starten Sie sie neu.',
        refused:
          'Die Firmenanmeldung hat eine Antwort geschickt, der Tandem nicht vertrauen kann. Bitte versuchen Sie es erneut oder fragen Sie die IT.',
        account_exists:
          'Es gibt schon ein Konto mit Ihrer E-Mail-Adresse. Bitten Sie die Administration, es mit Ihrer Firmenanmeldung verknüpfen zu lassen.',
        not_registered:
          'Sie haben noch kein Tandem-Konto. Bitten Sie die Administration, Sie aufzunehmen.',
        disabled: 'Ihr Konto ist gesperrt. Wenden Sie sich an die Administration.',
        unavailable:
          'Die Firmenanmeldung ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
      },
    },
    signInTitle: 'Bei Tandem anmelden',
    signInIntro: 'Der gemeinsame Ort, an dem Fachbereich und IT KI-Initiativen umsetzen.',
    email: 'E-Mail',
    password: 'Passwort',
    signIn: 'Anmelden',
    wrongCredentials: 'E-Mail oder Passwort ist falsch.',
    throttled: 'Zu viele Fehlversuche. Bitte warten Sie {{time}} und versuchen Sie es dann erneut.',
    throttledNoTime:
      'Zu viele Fehlversuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
    sessionExpired: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    inviteTitle: 'Willkommen bei Tandem',
    inviteIntro:
      'Hallo {{name}}, bitte wählen Sie ein Passwort für {{email}}, um Ihren Zugang zu aktivieren.',
    newPassword: 'Neues Passwort',
    repeatPassword: 'Passwort wiederholen',
    passwordHint: 'Mindestens 12 Zeichen. Ein kurzer Satz ist leicht zu merken.',
    activate: 'Zugang aktivieren',
    inviteInvalid:
      'Dieser Einladungslink ist ungültig oder abgelaufen. Bitte fragen Sie die Administration nach einem neuen.',
    toSignIn: 'Zur Anmeldung',
    toggleVisibility: 'Eingabe anzeigen oder verbergen',
  },
};
