/** English UI strings of the profile page. */
export const en = {
  profile: {
    title: 'Profile',
    personal: 'Personal details',
    name: 'Name',
    email: 'Email',
    department: 'Department',
    side: 'Side',
    role: 'Role',
    language: 'Preferred language',
    languageHint: 'Tandem and emails to you use this language.',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    repeatPassword: 'Repeat new password',
    passwordChanged: 'Your password was changed.',
    profileSaved: 'Your profile was saved.',
    managedByAdmin: 'Department, side and role are managed by an administrator.',
  },
} as const;
