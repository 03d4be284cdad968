/** English UI strings of sign-in and invitations. */
export const en = {
  auth: {
    sso: {
      button: 'Sign in with {{name}}',
      or: 'or with your password',
      refusal: {
        state: 'The sign-in took too long or was already used. Please start it again.',
        refused:
          'Your company sign-in sent an answer Tandem cannot trust. Please try again or ask IT.',
        account_exists:
          'An account with your email address already exists. Ask an administrator to allow linking it to your company sign-in.',
        not_registered: 'You have no Tandem account yet. Ask an administrator to add you.',
        disabled: 'Your account is disabled. Ask an administrator.',
        unavailable: 'Your company sign-in cannot be reached right now. Please try again later.',
      },
    },
    signInTitle: 'Sign in to Tandem',
    signInIntro: 'One place where business and IT run AI initiatives together.',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    wrongCredentials: 'Email or password is wrong.',
    throttled: 'Too many failed attempts. Please wait {{time}} and try again.',
    throttledNoTime: 'Too many failed attempts. Please wait a few minutes and try again.',
    sessionExpired: 'Your session has ended. Please sign in again.',
    inviteTitle: 'Welcome to Tandem',
    inviteIntro: 'Hello {{name}}, choose a password for {{email}} to activate your account.',
    newPassword: 'New password',
    repeatPassword: 'Repeat password',
    passwordHint: 'At least 12 characters. A short sentence is easy to remember.',
    activate: 'Activate account',
    inviteInvalid:
      'This invitation link is invalid or has expired. Ask an administrator for a new one.',
    toSignIn: 'Go to sign-in',
    toggleVisibility: 'Show or hide what you typed',
  },
} as const;
