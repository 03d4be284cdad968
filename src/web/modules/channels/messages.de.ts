import type { Translation } from '../../i18n/types.js';
import type { en } from './messages.en.js';

/** German UI strings of chat channels (Teams, Slack, Webhooks). */
export const de: Translation<typeof en> = {
  channels: {
    tab: 'Kanäle',
    title: 'Chat-Kanäle',
    workspaceTitle: 'Kanäle für alle Initiativen',
    introInitiative:
      'Neuigkeiten dieser Initiative in einen Microsoft-Teams- oder Slack-Kanal oder an ein anderes System senden.',
    introWorkspace:
      'Diese Kanäle erhalten die gewählten Neuigkeiten aller Initiativen. Verantwortliche können Kanäle für ihre eigene Initiative anlegen.',
    adminTitle: 'Chat-Kanäle',
    add: 'Kanal hinzufügen',
    edit: 'Kanal bearbeiten',
    empty: 'Noch kein Kanal. Neuigkeiten erreichen Menschen nur, wenn sie Tandem öffnen.',
    kind: 'Wohin',
    kinds: {
      teams: 'Microsoft Teams',
      slack: 'Slack',
      webhook: 'Anderes System (signierter Webhook)',
    },
    name: 'Name',
    namePlaceholder: 'z. B. #vertrieb-automatisierung',
    url: 'Webhook-Adresse',
    urlHint: {
      teams:
        'In Teams: im Kanal Workflows → „Webhook-Warnungen an einen Kanal senden“ → Adresse kopieren.',
      slack:
        'In Slack: eine App mit „Incoming Webhooks“ → „Add New Webhook to Workspace“ → Adresse kopieren.',
      webhook: 'Eine https-Adresse Ihres Systems. Jede Nachricht ist signiert (Standard Webhooks).',
    },
    urlKeep: 'Leer lassen, um die bisherige Adresse zu behalten',
    target: 'Geht an',
    events: 'Welche Neuigkeiten',
    eventNames: {
      'goal.agreed': 'Ziel vereinbart',
      'goal.achieved': 'Ziel erreicht',
      'goal.missed': 'Ziel verfehlt',
      'handoff.submitted': 'Übergabe eingereicht',
      'handoff.resubmitted': 'Übergabe erneut eingereicht',
      'handoff.returned': 'Übergabe zurückgegeben',
      'handoff.accepted': 'Übergabe angenommen',
      'demo.held': 'Demo gehalten',
      'initiative.stage_changed': 'Phase gewechselt',
      'channel.test_requested': 'Testnachricht',
    },
    language: 'Sprache der Nachrichten',
    enabled: 'Nachrichten senden',
    paused: 'Pausiert',
    save: 'Kanal hinzufügen',
    sendTest: 'Test senden',
    testSent:
      'Die Testnachricht ist unterwegs. Das Ergebnis erscheint unter „Letzte Zustellungen“.',
    remove: 'Kanal entfernen',
    removeTitle: 'Diesen Kanal entfernen?',
    removeText: '„{{name}}“ erhält keine Nachrichten mehr. Auch sein Zustellverlauf wird entfernt.',
    secretTitle: 'Signatur-Schlüssel',
    secretText:
      'Ihr System prüft jede Nachricht mit diesem Schlüssel. Kopieren Sie ihn jetzt: Er wird nur dieses eine Mal angezeigt.',
    deliveries: 'Letzte Zustellungen',
    showDeliveries: 'Letzte Zustellungen zeigen',
    hideDeliveries: 'Letzte Zustellungen ausblenden',
    noDeliveries: 'Noch nichts gesendet.',
    allDeliveries: 'Letzte Zustellungen aller Kanäle',
    col: {
      at: 'Wann',
      channel: 'Kanal',
      event: 'Neuigkeit',
      attempt: 'Versuch',
      status: 'Ergebnis',
      http: 'Antwortcode',
      answer: 'Antwort',
      duration: 'Dauer',
    },
    status: {
      delivered: 'Zugestellt',
      retrying: 'Nicht zugestellt, neuer Versuch folgt',
      failed: 'Fehlgeschlagen',
    },
    ms: '{{n}} ms',
    targets: {
      title: 'Erlaubte Adressen',
      intro:
        'Zur Sicherheit senden Kanäle nur an https-Adressen im Internet. Erlauben Sie mehr nur für ein internes Relais, dem Sie vertrauen.',
      allowPrivate: 'Adressen im internen Netz erlauben (z. B. 10.x, 192.168.x, dieser Server)',
      allowHttp: 'Unverschlüsselte http-Adressen erlauben',
      save: 'Speichern',
      saved: 'Gespeichert.',
    },
  },
};
