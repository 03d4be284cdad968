import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/** Deutsche Texte für Kommentare, Benachrichtigungen und ihre Einstellungen. */
export const de: Translation<typeof en> = {
  conversation: {
    comments: 'Kommentare',
    commentsCount_one: '{{count}} Kommentar',
    commentsCount_other: '{{count}} Kommentare',
    noComments:
      'Noch keine Kommentare. Stellen Sie eine Frage oder teilen Sie einen Gedanken; mit @ erwähnen Sie Kolleginnen und Kollegen.',
    write: 'Kommentar schreiben',
    writeHint:
      'Markdown funktioniert: **fett**, _kursiv_, Listen, [Links](https://…). Mit @ erwähnen Sie jemanden.',
    send: 'Kommentieren',
    save: 'Speichern',
    cancel: 'Abbrechen',
    edit: 'Bearbeiten',
    delete: 'Löschen',
    deleteConfirm: 'Diesen Kommentar löschen? Seine Stelle bleibt als „gelöscht“ sichtbar.',
    deleted: 'Dieser Kommentar wurde gelöscht.',
    edited: 'bearbeitet',
    history: 'Frühere Fassungen ({{count}})',
    replacedAt: 'Bis {{when}}',
    mentioned: 'Erwähnt',
    mentionPeople: 'Personen zum Erwähnen',
    noOneFound: 'Niemand, der dies lesen darf, passt.',
    cannotRead: '{{name}} darf dies nicht lesen und kann daher nicht erwähnt werden.',
  },
  inbox: {
    title: 'Benachrichtigungen',
    description: 'Was Sie braucht: Erwähnungen, Unterschriften, Übergaben, Fragen, Demos und mehr.',
    bell_zero: 'Benachrichtigungen, keine ungelesen',
    bell_one: 'Benachrichtigungen, {{count}} ungelesen',
    bell_other: 'Benachrichtigungen, {{count}} ungelesen',
    unreadOnly: 'Nur ungelesene',
    markAllRead: 'Alle als gelesen markieren',
    markRead: 'Als gelesen markieren',
    empty: 'Hier ist nichts. Wenn jemand Sie erwähnt oder etwas auf Sie wartet, sehen Sie es hier.',
    settings: 'Benachrichtigungseinstellungen',
    emailFailed: 'Die E-Mail konnte nicht gesendet werden.',
    kind: {
      mention: 'Hat Sie erwähnt',
      signature_awaited: 'Ihre Unterschrift wird erwartet',
      handoff_to_receive: 'Übergabe wartet auf Sie',
      handoff_to_resubmit: 'Übergabe kam zurück',
      question_to_you: 'Frage an Sie',
      goal_achieved: 'Ziel erreicht',
      goal_behind: 'Ziel hinter Plan',
      demo_tomorrow: 'Demo morgen',
      action_item_due: 'Maßnahme fällig',
      metric_stale: 'Keine neuen Werte',
      weekly_digest: 'Ihre Woche (Montagsübersicht)',
      weekly_update_missing: 'Wochenupdate fehlt (Freitagserinnerung)',
    },
    prefs: {
      title: 'Benachrichtigungen',
      intro: 'Wählen Sie für jede Art, wo sie Sie erreicht.',
      emailOff:
        'E-Mail ist auf diesem Server nicht eingerichtet; alles kommt in Ihren Posteingang in Tandem. Bitten Sie Ihre Administration, SMTP einzurichten.',
      channel: { inbox: 'Posteingang', email: 'Posteingang und E-Mail', off: 'Aus' },
      saved: 'Ihre Benachrichtigungseinstellungen wurden gespeichert.',
    },
  },
};
