/** English UI strings of privacy: one's own data, the record of processing, admin settings. */
export const en = {
  privacy: {
    mine: {
      title: 'My data in Tandem',
      intro:
        'Everything Tandem stores about you, by kind. Other people in the same records are shown as “another person”.',
      download: 'Download as JSON',
      purpose: 'Why',
      entries_one: '{{count}} entry',
      entries_other: '{{count}} entries',
      link: 'See what Tandem stores about me',
    },
    record: {
      title: 'Privacy: what Tandem stores',
      intro:
        'Tandem measures initiatives, never people. This list shows which personal data is stored, why, for how long, and who outside Tandem receives it.',
      worksCouncilOn:
        'Works-council mode is on: confidence votes are anonymous, and people outside an initiative see roles instead of names.',
      kind: 'Data',
      purpose: 'Why',
      kept: 'Kept for',
      stored: 'Stored in',
      processors: 'Passed on to',
      processorsTitle: 'Recipients outside Tandem',
      configured: 'in use',
      notConfigured: 'not set up',
      none: 'nobody',
    },
    admin: {
      title: 'Privacy and works council',
      worksCouncil: 'Works-council mode',
      worksCouncilHint:
        'Confidence votes become anonymous (averages per side only, from at least 3 votes), and people outside an initiative see roles instead of names in its activity.',
      retention: 'How long data is kept',
      retentionHint: 'In days. Empty: kept as long as the workspace. Cleaned up every night.',
      kinds: {
        sessions: 'Sign-in sessions',
        login_attempts: 'Failed sign-ins',
        audit_detail: 'Details in the audit trail',
        event_deliveries: 'Notification and webhook deliveries',
        calendar_feeds: 'Cancelled calendar subscriptions',
        notifications: 'Notifications',
      },
      save: 'Save',
      saved: 'Privacy settings saved.',
      erase: 'Erase a person',
      eraseHint:
        'Replaces the person’s name and email address everywhere with “Former colleague”, signs them out for good and keeps their work. Cannot be undone.',
      person: 'Person',
      eraseButton: 'Erase…',
      confirmTitle: 'Erase {{name}}?',
      confirmText:
        'Name and email address of {{name}} are replaced everywhere, including the audit trail. Their work stays, shown as by a former colleague. This cannot be undone.',
      erased: '{{name}} was erased.',
    },
  },
};
