import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/**
 * German UI strings of administration: users and stages ("Sie", plain business language, the
 * glossary's words).
 */
export const de: Translation<typeof en> = {
  admin: {
    users: {
      title: 'Benutzer',
      intro: 'Wer sich anmelden darf und auf welcher Seite er oder sie arbeitet.',
      create: 'Neuer Benutzer',
      createTitle: 'Neuer Benutzer',
      editTitle: '{{name}} bearbeiten',
      name: 'Name',
      email: 'E-Mail',
      department: 'Abteilung',
      side: 'Seite',
      role: 'Rolle',
      language: 'Sprache',
      state: 'Zustand',
      createdAt: 'Angelegt',
      actions: 'Aktionen',
      actionsFor: 'Aktionen für {{name}}',
      withPassword: 'Jetzt ein Passwort festlegen',
      withPasswordHint:
        'Sonst erzeugt Tandem einen Einladungslink und schickt ihn der Person per E-Mail (wenn E-Mail eingerichtet ist; sonst schicken Sie ihn selbst).',
      password: 'Erstes Passwort',
      created: '{{name}} wurde angelegt.',
      inviteTitle: 'Einladungslink für {{name}}',
      inviteText:
        'Schicken Sie diesen Link an die Person. Er wird nur einmal angezeigt und ist gültig bis {{date}}.',
      inviteTextSent: 'Der Link wird nur einmal angezeigt und ist gültig bis {{date}}.',
      inviteLink: 'Einladungslink',
      inviteEmail: {
        sent: 'Die Einladung wurde per E-Mail an {{name}} geschickt. Sie können den Link unten auch kopieren.',
        failed:
          'Die E-Mail konnte nicht gesendet werden. Kopieren Sie den Link und schicken Sie ihn selbst, oder senden Sie später eine neue Einladung („Neuer Einladungslink“; sie ersetzt diese).',
        off: 'E-Mail ist auf diesem Server aus (kein SMTP-Server eingerichtet): Kopieren Sie den Link und schicken Sie ihn selbst.',
      },
      newInvite: 'Neuer Einladungslink',
      disable: 'Deaktivieren',
      endSessions: 'Überall abmelden',
      endSessionsTitle: '{{name}} überall abmelden?',
      endSessionsText:
        '{{name}} wird in jedem Browser und auf jedem Gerät abgemeldet und muss sich neu anmelden. Nutzen Sie das, wenn ein Gerät verloren ging oder ein Konto missbraucht werden könnte.',
      sessionsEnded_one: '{{name}} wurde an {{count}} Ort abgemeldet.',
      sessionsEnded_other: '{{name}} wurde an {{count}} Orten abgemeldet.',
      allowSsoLink: 'Verknüpfung mit Firmenanmeldung erlauben',
      ssoLinkAllowed:
        'Bis {{date}} kann sich {{name}} einmal über die Firmenanmeldung (gleiche, bestätigte E-Mail) anmelden und sie so mit diesem Konto verknüpfen.',
      enable: 'Aktivieren',
      disableTitle: '{{name}} deaktivieren?',
      disableText:
        '{{name}} kann sich dann nicht mehr anmelden. Alles, was die Person getan hat, bleibt erhalten. Sie können den Zugang später wieder aktivieren.',
      enabled: '{{name}} kann sich wieder anmelden.',
      disabled: '{{name}} wurde deaktiviert.',
      saved: 'Die Änderungen wurden gespeichert.',
      you: 'Sie',
      stateValue: {
        active: 'Aktiv',
        invited: 'Eingeladen',
        disabled: 'Deaktiviert',
      },
    },
    stages: {
      title: 'Phasen',
      intro:
        'Der Weg, den jede Initiative geht. Jede Phase hat eine federführende Seite und eine Checkliste, die beim Eintritt in die Phase bestätigt werden muss.',
      add: 'Phase hinzufügen',
      addTitle: 'Neue Phase',
      editTitle: 'Phase bearbeiten',
      nameDe: 'Name (Deutsch)',
      nameEn: 'Name (Englisch)',
      owningSide: 'Federführende Seite',
      checklist: 'Checkliste',
      checklistHint: 'Was der Eintritt in diese Phase voraussetzt, in beiden Sprachen.',
      itemDe: 'Punkt {{n}} (Deutsch)',
      itemEn: 'Punkt {{n}} (Englisch)',
      addItem: 'Punkt hinzufügen',
      removeItem: 'Punkt {{n}} entfernen',
      noItems: 'Keine Punkte in der Checkliste.',
      initiatives_one: '{{count}} Initiative',
      initiatives_other: '{{count}} Initiativen',
      items_one: '{{count}} Punkt in der Checkliste',
      items_other: '{{count}} Punkte in der Checkliste',
      moveUp: '{{name}} nach oben verschieben',
      moveDown: '{{name}} nach unten verschieben',
      editLabel: '{{name}} bearbeiten',
      deleteLabel: '{{name}} löschen',
      deleteTitle: 'Phase {{name}} löschen?',
      deleteText:
        'Die Phase und ihre Checkliste werden entfernt. Das lässt sich nicht rückgängig machen.',
      deleted: 'Die Phase wurde gelöscht.',
      saved: 'Die Phase wurde gespeichert.',
      position: 'Position {{n}}',
    },
  },
};
