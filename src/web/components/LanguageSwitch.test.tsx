import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../contracts/auth.js';
import i18n from '../i18n/index.js';
import { meKey } from '../queries/session.js';
import { mockApi } from '../test-support/api.js';
import { renderWithProviders, testQueryClient } from '../test-utils.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const me: Me = {
  id: 'u1',
  email: 'anna@example.com',
  name: 'Anna Berg',
  language: 'en',
  department: 'Sales',
  side: 'business',
  role: 'member',
};

describe('LanguageSwitch', () => {
  it('switches the UI language and the document language', async () => {
    const calls = mockApi(() => [200, me]);
    renderWithProviders(<LanguageSwitch />);

    const group = screen.getByRole('radiogroup', { name: 'Language' });
    expect(within(group).getByRole('radio', { name: 'EN' })).toBeChecked();

    await userEvent.click(within(group).getByRole('radio', { name: 'DE' }));
    expect(i18n.resolvedLanguage).toBe('de');
    expect(document.documentElement).toHaveAttribute('lang', 'de');
    expect(screen.getByRole('radiogroup', { name: 'Sprache' })).toBeInTheDocument();
    expect(localStorage.getItem('tandem-language')).toBe('de');
    // Nobody is signed in: nothing to store on the server.
    expect(calls).toHaveLength(0);
  });

  it('stores the choice in the profile when signed in', async () => {
    const calls = mockApi(() => [200, { ...me, language: 'de' }]);
    const queryClient = testQueryClient();
    queryClient.setQueryData(meKey, me);
    renderWithProviders(<LanguageSwitch />, { queryClient });

    await userEvent.click(screen.getByRole('radio', { name: 'DE' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ method: 'PATCH', url: '/api/me', body: { language: 'de' } });
    await waitFor(() => expect(queryClient.getQueryData<Me>(meKey)?.language).toBe('de'));
  });
});
