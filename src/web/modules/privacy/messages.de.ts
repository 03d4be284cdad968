import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/** German UI strings of privacy ("Sie", plain business language). */
export const de: Translation<typeof en> = {
  privacy: {
    mine: {
      title: 'Meine Daten in Tandem',
      intro:
        'Alles, was Tandem über Sie speichert, nach Art. Andere Personen in denselben Einträgen erscheinen als „another person“.',
      download: 'Als JSON herunterladen',
      purpose: 'Wozu',
      entries_one: '{{count}} Eintrag',
      entries_other: '{{count}} Einträge',
      link: 'Ansehen, was Tandem über mich speichert',
    },
    record: {
      title: 'Datenschutz: was Tandem speichert',
      intro:
        'Tandem misst Initiativen, niemals Menschen. Diese Liste zeigt, welche personenbezogenen Daten gespeichert werden, wozu, wie lange und wer außerhalb von Tandem sie erhält.',
      worksCouncilOn:
        'Der Betriebsratsmodus ist an: Zuversichts-Stimmen sind anonym, und wer nicht zu einer Initiative gehört, sieht Rollen statt Namen.',
      kind: 'Daten',
      purpose: 'Wozu',
      kept: 'Aufbewahrt',
      stored: 'Gespeichert in',
      processors: 'Weitergegeben an',
      processorsTitle: 'Empfänger außerhalb von Tandem',
      configured: 'in Verwendung',
      notConfigured: 'nicht eingerichtet',
      none: 'niemanden',
    },
    admin: {
      title: 'Datenschutz und Betriebsrat',
      worksCouncil: 'Betriebsratsmodus',
      worksCouncilHint:
        'Zuversichts-Stimmen werden anonym (nur Durchschnitte je Seite, ab 3 Stimmen), und wer nicht zu einer Initiative gehört, sieht in ihren Aktivitäten Rollen statt Namen.',
      retention: 'Wie lange Daten aufbewahrt werden',
      retentionHint:
        'In Tagen. Leer: solange der Arbeitsbereich besteht. Jede Nacht wird aufgeräumt.',
      kinds: {
        sessions: 'Anmelde-Sitzungen',
        login_attempts: 'Fehlgeschlagene Anmeldungen',
        audit_detail: 'Details im Änderungsprotokoll',
        event_deliveries: 'Zustellungen von Benachrichtigungen und Webhooks',
        calendar_feeds: 'Beendete Kalender-Abonnements',
        notifications: 'Benachrichtigungen',
      },
      save: 'Speichern',
      saved: 'Datenschutz-Einstellungen gespeichert.',
      erase: 'Eine Person löschen',
      eraseHint:
        'Ersetzt Name und E-Mail-Adresse der Person überall durch „Former colleague“, meldet sie dauerhaft ab und behält ihre Arbeit. Kann nicht rückgängig gemacht werden.',
      person: 'Person',
      eraseButton: 'Löschen…',
      confirmTitle: '{{name}} löschen?',
      confirmText:
        'Name und E-Mail-Adresse von {{name}} werden überall ersetzt, auch im Änderungsprotokoll. Die Arbeit bleibt erhalten und erscheint als die einer ehemaligen Kollegin / eines ehemaligen Kollegen. Das kann nicht rückgängig gemacht werden.',
      erased: '{{name}} wurde gelöscht.',
    },
  },
};
