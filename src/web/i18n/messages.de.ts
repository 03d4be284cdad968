import type { Translation } from './types.js';
import type { en } from './messages.en.js';

/**
 * German UI strings shared by several modules and the common components: buttons, navigation,
 * sides and roles, statuses, risk classes, validation and problem texts ("Sie", plain business
 * language, the glossary's words).
 */
export const de: Translation<typeof en> = {
  dates: {
    hours: 'Stunden',
    minutes: 'Minuten',
  },
  common: {
    saveChanges: 'Änderungen speichern',
    cancel: 'Abbrechen',
    close: 'Schließen',
    edit: 'Bearbeiten',
    delete: 'Löschen',
    remove: 'Entfernen',
    retry: 'Erneut versuchen',
    reload: 'Neu laden',
    loading: 'Wird geladen …',
    back: 'Zurück',
    copy: 'Kopieren',
    copied: 'Kopiert',
    none: '—',
    yes: 'Ja',
    no: 'Nein',
  },
  app: {
    tagline: 'Fachbereich und IT setzen KI-Initiativen gemeinsam um',
    skipToContent: 'Zum Inhalt springen',
    toggleNavigation: 'Navigation ein- oder ausblenden',
    mainNavigation: 'Hauptnavigation',
    language: 'Sprache',
    colorScheme: {
      toDark: 'Dunkles Design verwenden',
      toLight: 'Helles Design verwenden',
    },
    userMenu: 'Benutzermenü für {{name}}',
    notFound: {
      title: 'Seite nicht gefunden',
      text: 'Diese Seite gibt es nicht oder sie wurde verschoben.',
      action: 'Zu den Initiativen',
    },
  },
  nav: {
    initiatives: 'Initiativen',
    allInitiatives: 'Alle Initiativen',
    myInitiatives: 'Meine Initiativen',
    admin: 'Verwaltung',
    users: 'Benutzer',
    stages: 'Phasen',
    profile: 'Profil',
    privacy: 'Datenschutz',
    privacyAdmin: 'Datenschutz & Betriebsrat',
    signOut: 'Abmelden',
  },
  side: {
    business: 'Fachbereich',
    it: 'IT',
    both: 'Fachbereich und IT',
  },
  orgRole: {
    admin: 'Admin',
    member: 'Mitglied',
    viewer: 'Nur lesen',
  },
  orgRoleHint: {
    admin: 'Verwaltet Benutzer und Phasen und darf jede Initiative ändern.',
    member: 'Legt Initiativen an und arbeitet in denen mit, zu denen sie oder er gehört.',
    viewer: 'Darf lesen, aber nichts ändern.',
  },
  memberRole: {
    owner: 'Verantwortlich',
    deputy: 'Stellvertretung',
    contributor: 'Mitwirkend',
    observer: 'Beobachtend',
  },
  status: {
    active: 'Aktiv',
    paused: 'Pausiert',
    done: 'Abgeschlossen',
    cancelled: 'Abgebrochen',
  },
  visibility: {
    company: 'Ganzes Unternehmen',
    members: 'Nur Mitglieder',
    companyHint: 'Alle mit einem Zugang können sie lesen. Ändern können nur Mitglieder.',
    membersHint: 'Nur Mitglieder und die Administration sehen sie überhaupt.',
  },
  risk: {
    label: 'Risikoklasse (KI-Verordnung)',
    class: {
      minimal: 'Minimal',
      limited: 'Begrenzt',
      high: 'Hoch',
      prohibited: 'Verboten',
    },
    badge: {
      minimal: 'Minimales Risiko',
      limited: 'Begrenztes Risiko',
      high: 'Hohes Risiko',
      prohibited: 'Verboten',
    },
    intro:
      'Beantworten Sie jede Frage für den geplanten Einsatz. Aus den Antworten ergibt sich ein Vorschlag für die Risikoklasse; die Entscheidung treffen die Verantwortlichen. Der Fragebogen hilft beim Gespräch und ist keine Rechtsberatung.',
    suggested: 'Vorschlag: {{class}}',
    suggestedLabel: 'Vorschlag:',
    chosen: 'Risikoklasse',
    chosenHint:
      'Der Vorschlag ist vorausgewählt. Sie können mit Begründung eine andere Klasse wählen.',
    belowSuggestion:
      'Sie haben eine mildere Klasse gewählt als vorgeschlagen. Bitte begründen Sie das in wenigen Sätzen.',
    justification: 'Begründung für die mildere Klasse',
    unanswered_one: '{{count}} Frage noch nicht beantwortet',
    unanswered_other: '{{count}} Fragen noch nicht beantwortet',
  },
  validation: {
    required: 'Bitte füllen Sie dieses Feld aus.',
    choose: 'Bitte wählen Sie aus.',
    minLength: 'Bitte geben Sie mindestens {{min}} Zeichen ein.',
    maxLength: 'Bitte verwenden Sie höchstens {{max}} Zeichen.',
    maxItems: 'Bitte verwenden Sie höchstens {{max}} Einträge.',
    email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    passwordsDiffer: 'Die beiden Passwörter stimmen nicht überein.',
    sameDeputy: 'Die Stellvertretung muss eine andere Person als die verantwortliche sein.',
    justificationRequired: 'Bitte begründen Sie, warum Sie eine mildere Klasse gewählt haben.',
    invalid: 'Dieser Wert ist ungültig.',
  },
  serverError: {
    insecure_url: 'Die Adresse muss mit https:// beginnen (Admins können http erlauben).',
    private_address:
      'Diese Adresse zeigt ins interne Netz oder auf diesen Server. Admins können solche Adressen erlauben.',
    unresolvable: 'Diese Adresse ist nicht auffindbar. Bitte prüfen Sie sie.',
    same_person: 'Bitte wählen Sie zwei verschiedene Personen.',
    wrong_side: 'Diese Person gehört zur anderen Seite.',
    viewer: 'Personen mit Leserecht können keine Initiative verantworten oder vertreten.',
    disabled: 'Dieser Zugang ist deaktiviert.',
    unknown_person: 'Diese Person ist nicht bekannt.',
    already_member: 'Diese Person ist bereits Mitglied.',
    taken: 'Diese E-Mail-Adresse wird bereits von einem anderen Zugang verwendet.',
    wrong_password: 'Das ist nicht Ihr aktuelles Passwort.',
    last_admin: 'Mindestens ein aktiver Admin muss bestehen bleiben.',
    self: 'Sie können sich nicht selbst aussperren. Bitte wenden Sie sich an einen anderen Admin.',
    owner:
      'Diese Person verantwortet oder vertritt eine Initiative. Benennen Sie dort zuerst jemand anderen.',
    is_owner: 'Verantwortliche und Stellvertretungen ändern Sie an der Initiative selbst.',
    justification:
      'Bitte begründen Sie, warum die Klasse milder ist als der Vorschlag des Fragebogens.',
    not_member:
      'Diese Person ist kein Mitglied der Initiative. Fügen Sie sie zuerst unter „Mitglieder“ hinzu.',
    range: 'Der größte Wert darf nicht unter dem kleinsten liegen.',
    integer: 'Bitte geben Sie für eine Kennzahl mit ganzen Zahlen eine ganze Zahl ein.',
    out_of_range: 'Dieser Wert liegt außerhalb des Bereichs, den die Definition erlaubt.',
  },
  problem: {
    generic: 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.',
    network:
      'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.',
    forbidden: 'Dazu sind Sie nicht berechtigt.',
    read_only: 'Mit Leserecht können Sie nichts ändern.',
    admin_only: 'Das darf nur die Administration.',
    not_found:
      'Nicht gefunden. Vielleicht wurde es gelöscht, oder Sie haben keinen Zugriff darauf.',
    versionConflict:
      'Jemand anderes hat hier inzwischen etwas geändert. Laden Sie neu, um den aktuellen Stand zu sehen, und nehmen Sie Ihre Änderung dann erneut vor.',
    stage_in_use:
      'Es befinden sich Initiativen in dieser Phase. Verschieben Sie diese zuerst in eine andere Phase.',
    last_stage: 'Die letzte Phase kann nicht gelöscht werden.',
    stage_has_history:
      'Initiativen haben diese Phase bereits durchlaufen. Benennen Sie sie um, statt sie zu löschen.',
    checklist_incomplete: 'Bitte bestätigen Sie jeden Punkt der Checkliste der Zielphase.',
    validation_failed: 'Bitte prüfen Sie die markierten Felder.',
    stale_version:
      'Eine neuere Fassung der Definition wartet auf Freigabe. Bitte laden Sie neu, um sie zu sehen.',
    already_signed: 'Sie haben diese Fassung bereits freigegeben.',
    not_member:
      'Das dürfen nur Verantwortliche, Stellvertretungen und Mitwirkende dieser Initiative.',
    wrong_side: 'Sie können nur für Ihre eigene Seite freigeben.',
    duplicate_measurement:
      'Zu diesem Zeitpunkt gibt es bereits einen von Hand erfassten Wert. Korrigieren Sie stattdessen diesen.',
    import_invalid: 'Die Datei enthält Probleme; es wurde nichts importiert.',
    time_zone_changed:
      'Die Zeitzone der Kennzahl wurde während des Imports geändert, und die Uhrzeiten der Datei bedeuten dort andere Zeitpunkte. Es wurde nichts importiert; bitte importieren Sie die Datei erneut.',
    unsupported_media_type:
      'Diese Art von Datei kann nicht importiert werden. Bitte wählen Sie eine CSV-Datei.',
    internal:
      'Bei uns ist ein Fehler aufgetreten. Er wurde protokolliert; bitte versuchen Sie es später erneut.',
    database_unavailable:
      'Tandem erreicht seine Datenbank gerade nicht. Es wurde nichts geändert; bitte versuchen Sie es gleich noch einmal.',
    access_check_failed:
      'Ihre Berechtigung konnte nicht geprüft werden, daher wurde nichts ausgeführt. Bitte versuchen Sie es später erneut.',
  },
};
