/** English UI strings of sign-in and invitations. */
export const en = {
  auth: {
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
