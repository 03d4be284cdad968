import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CreatedPersonalToken, PersonalToken } from '../../../contracts/account-security.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import { PersonalTokensSection } from './PersonalTokensSection.js';

const token = (over: Partial<PersonalToken>): PersonalToken => ({
  id: 't1',
  name: 'Report script',
  prefix: 'tdp_ab12',
  access: 'read',
  createdAt: '2026-11-01T09:00:00.000Z',
  expiresAt: '2099-01-30T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

/** The API: GET lists `tokens`, POST creates one (secret shown once), DELETE revokes. */
function serve(tokens: PersonalToken[]) {
  const created: CreatedPersonalToken = {
    ...token({ id: 't9', name: 'Assistant', access: 'write' }),
    secret: 'tdp_secret123',
  };
  return mockApi((method) => {
    if (method === 'GET') return [200, tokens];
    if (method === 'POST') return [201, created];
    return [200, token({ revokedAt: '2026-12-01T09:00:00.000Z' })];
  });
}

describe('PersonalTokensSection', () => {
  it('lists tokens with access, last use and state', async () => {
    serve([
      token({ lastUsedAt: '2026-11-30T09:00:00.000Z' }),
      token({ id: 't2', name: 'Old one', revokedAt: '2026-11-15T09:00:00.000Z' }),
    ]);
    renderWithProviders(<PersonalTokensSection />);
    const table = await screen.findByRole('table', { name: 'Personal API tokens' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name of the token', 'Access', 'Last used', 'State', 'Actions']);
    expect(within(rows[1]!).getByText('Read only')).toBeInTheDocument();
    expect(rows[1]!.querySelector('time')).toHaveAttribute('datetime', '2026-11-30T09:00:00.000Z');
    expect(within(rows[1]!).getByText(/Valid until/)).toBeInTheDocument();
    expect(
      within(rows[1]!).getByRole('button', { name: 'Revoke token Report script' }),
    ).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Never')).toBeInTheDocument();
    expect(within(rows[2]!).getByText(/Revoked on/)).toBeInTheDocument();
    expect(within(rows[2]!).queryByRole('button')).not.toBeInTheDocument();
  }, 60_000);

  it('says so when there is no token', async () => {
    serve([]);
    renderWithProviders(<PersonalTokensSection />);
    expect(await screen.findByText('You have no API tokens.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  }, 60_000);

  it('refuses a blank name, then creates and shows the secret once with an example', async () => {
    const calls = serve([]);
    renderWithProviders(<PersonalTokensSection />);
    await screen.findByText('You have no API tokens.');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    const name = screen.getByRole('textbox', { name: 'Name of the token' });
    expect(name).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(name, '  Assistant ');
    expect(name).not.toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Token "Assistant" created' });
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Assistant',
      access: 'read',
      expiresInDays: 90,
    });
    expect(within(dialog).getByRole('textbox', { name: 'Token' })).toHaveValue('tdp_secret123');
    expect(within(dialog).getByText(/Authorization: Bearer tdp_secret123/)).toBeInTheDocument();
    expect(name).toHaveValue('');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  }, 60_000);

  it('revokes after asking, and says it was done', async () => {
    const calls = serve([token({})]);
    renderWithProviders(<PersonalTokensSection />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke token Report script' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token "Report script"?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('Token "Report script" was revoked.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe('/api/me/tokens/t1');
  }, 60_000);
});
