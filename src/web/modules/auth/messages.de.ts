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
    forgot: {
      link: 'Passwort vergessen?',
      title: 'Passwort vergessen?',
      intro:
        'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort wählen.',
      submit: 'Link senden',
      sent: 'Falls ein Konto mit {{email}} existiert, ist ein Link zum Wählen eines neuen Passworts unterwegs. Er gilt eine Stunde. Bitte sehen Sie auch im Spam-Ordner nach.',
      throttled: 'Zu viele Anfragen. Bitte warten Sie {{time}} und versuchen Sie es dann erneut.',
      askAdmin:
        'Passwort vergessen? Bitten Sie eine Administratorin oder einen Administrator, ein neues zu setzen (tandem users set-password) oder Ihnen einen neuen Einladungslink zu schicken.',
      askAdminPage:
        'Dieser Server kann keine E-Mails senden, daher gibt es keinen Link zum Zurücksetzen. Bitten Sie eine Administratorin oder einen Administrator, ein neues Passwort für Sie zu setzen oder Ihnen einen neuen Einladungslink zu schicken.',
      sso: 'Passwörter sind hier ausgeschaltet: Melden Sie sich mit Ihrem Firmenkonto an.',
    },
    reset: {
      title: 'Neues Passwort wählen',
      intro: 'Wählen Sie ein neues Passwort für Ihr Konto. Sie werden überall abgemeldet.',
      submit: 'Neues Passwort setzen',
      done: 'Ihr Passwort wurde geändert und Sie wurden überall abgemeldet. Melden Sie sich mit dem neuen Passwort an.',
      invalid: 'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.',
      again: 'Neuen Link anfordern',
    },
  },
};
