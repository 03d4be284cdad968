/** English UI strings of the “waiting for me” desk. */
export const en = {
  desk: {
    title: 'Waiting for me',
    description:
      'Goals waiting for your sign-off, and handoffs where it is your turn, including those of people you deputise for.',
    signoffs: 'Sign-offs waiting for you',
    signoffsHint: 'Proposed goals whose current version still needs your signature.',
    signFor: 'You sign for',
    initiative: 'Initiative',
    noSignoffs: 'No goal is waiting for your sign-off.',
    allDoneTitle: 'Nothing is waiting for you right now.',
    allDoneText:
      'This page collects everything where it is your turn: goals to sign, and handoffs to receive, answer or resubmit.',
    myInitiatives: 'Go to my initiatives',
    navCount_one: '{{count}} item waiting for you',
    navCount_other: '{{count}} items waiting for you',
  },
} as const;
