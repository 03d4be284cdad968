import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test-utils.js';
import { InviteLinkModal } from './InviteLinkModal.js';

const invite = {
  name: 'Nora Neu',
  url: 'http://localhost/invite/abc',
  expiresAt: '2026-12-08T09:00:00.000Z',
};

describe('InviteLinkModal', { timeout: 30_000 }, () => {
  it.each([
    ['sent', 'The invitation was emailed to Nora Neu'],
    ['failed', 'The email could not be sent. Copy the link'],
    ['off', 'Email is off on this server'],
  ] as const)(
    'says whether the invitation went by email (%s) and shows the link',
    async (email, text) => {
      renderWithProviders(
        <InviteLinkModal invite={{ ...invite, email }} onClose={() => undefined} />,
      );
      expect(await screen.findByTestId('invite-email')).toHaveTextContent(text);
      expect(screen.getByLabelText('Invitation link')).toHaveValue('http://localhost/invite/abc');
    },
  );

  it('an email that failed is announced as an alert', async () => {
    renderWithProviders(
      <InviteLinkModal invite={{ ...invite, email: 'failed' }} onClose={() => undefined} />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('send a new invitation later');
  });
});
