import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Me } from '../../contracts/auth.js';
import i18n from '../i18n/index.js';
import { meKey } from '../queries/session.js';
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
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<LanguageSwitch />);

    const group = screen.getByRole('radiogroup', { name: 'Language' });
    expect(within(group).getByRole('radio', { name: 'EN' })).toBeChecked();

    await userEvent.click(within(group).getByRole('radio', { name: 'DE' }));
    expect(i18n.resolvedLanguage).toBe('de');
    expect(document.documentElement).toHaveAttribute('lang', 'de');
    expect(screen.getByRole('radiogroup', { name: 'Sprache' })).toBeInTheDocument();
    expect(localStorage.getItem('tandem-language')).toBe('de');
    // Nobody is signed in: nothing to store on the server.
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('stores the choice in the profile when signed in', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ ...me, language: 'de' }), { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const queryClient = testQueryClient();
    queryClient.setQueryData(meKey, me);
    renderWithProviders(<LanguageSwitch />, { queryClient });

    await userEvent.click(screen.getByRole('radio', { name: 'DE' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/me',
      expect.objectContaining({ method: 'PATCH', body: JSON.stringify({ language: 'de' }) }),
    );
    await waitFor(() => expect(queryClient.getQueryData<Me>(meKey)?.language).toBe('de'));
  });
});
