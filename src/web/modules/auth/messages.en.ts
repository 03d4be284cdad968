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
    forgot: {
      link: 'Forgot password?',
      title: 'Forgot your password?',
      intro:
        'Enter the email address of your account. We will send you a link to choose a new password.',
      submit: 'Send link',
      sent: 'If an account with {{email}} exists, a link to choose a new password is on its way. It is valid for one hour. Please also look in your spam folder.',
      throttled: 'Too many requests. Please wait {{time}} and try again.',
      askAdmin:
        'Forgot your password? Ask an administrator to set a new one (tandem users set-password) or to send you a new invitation link.',
      askAdminPage:
        'This server cannot send email, so there is no reset link. Ask an administrator to set a new password for you or to send you a new invitation link.',
      sso: 'Passwords are switched off here: sign in with your company account.',
    },
    reset: {
      title: 'Choose a new password',
      intro: 'Choose a new password for your account. You will be signed out everywhere.',
      submit: 'Set new password',
      done: 'Your password was changed and you were signed out everywhere. Sign in with your new password.',
      invalid: 'This link is invalid, has expired or was already used.',
      again: 'Ask for a new link',
    },
  },
} as const;
