import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiToken, CreatedToken } from '../../../contracts/metrics.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import { curlExample, TokensSection } from './TokensSection.js';

const token: ApiToken = {
  id: 'k1',
  name: 'CRM export',
  prefix: 'tdm_ab12',
  createdBy: { id: 'b', name: 'Bea', side: 'business', department: 'Sales' },
  createdAt: '2026-11-01T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};

const created: CreatedToken = { token: { ...token, id: 'k2', name: 'Bot' }, secret: 'tdm_s3' };
/** The API: GET lists the one token, POST creates another. */
const serve = () => mockApi((method) => (method === 'GET' ? [200, [token]] : [201, created]));

describe('TokensSection (machine access of an initiative)', () => {
  it('lists the tokens with who created them, and shows a new secret with a push example', async () => {
    const calls = serve();
    renderWithProviders(<TokensSection initiativeId="i-1" metricId="m-1" />);
    const table = await screen.findByRole('table', { name: 'Machine access' });
    const [head, row] = within(table).getAllByRole('row');
    expect(within(head!).getAllByRole('columnheader')).toHaveLength(6);
    expect(within(row!).getByText('Bea')).toBeInTheDocument();
    expect(within(row!).getByText('never')).toBeInTheDocument();
    expect(within(row!).getByText('Active')).toBeInTheDocument();
    expect(within(row!).getByRole('button', { name: 'Revoke CRM export' })).toBeInTheDocument();

    await userEvent.type(screen.getByRole('textbox', { name: 'Name of the token' }), 'Bot');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Token “Bot” created' });
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: '/api/initiatives/i-1/tokens',
      body: { name: 'Bot' },
    });
    expect(within(dialog).getByRole('textbox', { name: 'Token' })).toHaveValue('tdm_s3');
    expect(within(dialog).getByText(/"metricId":"m-1"/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Copy example' })).toBeInTheDocument();
  }, 60_000);

  it('writes a curl call that pushes one value', () => {
    expect(curlExample('https://t.example', 'tdm_s3', 'm-1', '2026-12-01T10:00:00.000Z')).toBe(
      [
        'curl -X POST https://t.example/api/push/measurements \\',
        "  -H 'Authorization: Bearer tdm_s3' \\",
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"points":[{"metricId":"m-1","at":"2026-12-01T10:00:00.000Z","value":42}]}'`,
      ].join('\n'),
    );
  });
});
