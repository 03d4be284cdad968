import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { type Answer, mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import ForgotPasswordPage from './ForgotPasswordPage.js';
import LoginPage from './LoginPage.js';
import ResetPasswordPage from './ResetPasswordPage.js';

const options = (passwordReset: boolean): Answer => [
  200,
  { localLogin: true, sso: null, passwordReset },
];
const signedOut: Answer = [401, { status: 401, title: 'Unauthorized', code: 'unauthorized' }];

describe('password reset forms', { timeout: 60_000 }, () => {
  it('sign-in page: "Forgot password?" with email on, "ask an admin" without', async () => {
    mockApi((_m, url) => (url.endsWith('/auth/options') ? options(true) : signedOut));
    const first = renderWithProviders(<LoginPage />, { route: '/login' });
    expect(await screen.findByRole('link', { name: 'Forgot password?' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
    first.unmount();
    mockApi((_m, url) => (url.endsWith('/auth/options') ? options(false) : signedOut));
    renderWithProviders(<LoginPage />, { route: '/login' });
    expect(await screen.findByTestId('reset-ask-admin')).toHaveTextContent(
      'tandem users set-password',
    );
    expect(screen.queryByRole('link', { name: 'Forgot password?' })).not.toBeInTheDocument();
  });

  it('forgot password: errors next to the field, then the same answer for any address', async () => {
    let serverRefuses = true;
    const calls = mockApi((method, url) => {
      if (url.endsWith('/auth/options')) return options(true);
      if (method === 'POST' && serverRefuses)
        return [
          400,
          {
            status: 400,
            title: 'Bad Request',
            code: 'validation',
            errors: [{ pointer: '/body/email', message: 'is too long', code: 'too_big' }],
          },
        ];
      return [202, null];
    });
    const user = userEvent.setup();
    renderWithProviders(<ForgotPasswordPage />, { route: '/forgot-password' });
    const email = await screen.findByLabelText(/^Email/);
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    expect(email).toHaveAccessibleDescription(
      expect.stringContaining('Please fill in this field.'),
    );
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(email, 'pat@example.com');
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    await waitFor(() => expect(email).toHaveAccessibleDescription(/too long|at most/i));
    expect(email).toHaveAttribute('aria-invalid', 'true');

    serverRefuses = false;
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    expect(await screen.findByText(/If an account with pat@example.com exists/)).toBeVisible();
    expect(calls.filter((c) => c.method === 'POST').at(-1)).toMatchObject({
      url: '/api/auth/password-reset',
      body: { email: 'pat@example.com' },
    });
  });

  it('forgot password without email on the server: ask an admin', async () => {
    mockApi(() => options(false));
    renderWithProviders(<ForgotPasswordPage />, { route: '/forgot-password' });
    expect(await screen.findByTestId('reset-unavailable')).toHaveTextContent(
      'Ask an administrator',
    );
    expect(screen.queryByRole('button', { name: 'Send link' })).not.toBeInTheDocument();
  });

  it('reset page: password rules and repeat next to the fields; a used link says so; success', async () => {
    let answer: Answer = [
      404,
      { status: 404, title: 'Not Found', code: 'reset_invalid', detail: 'invalid' },
    ];
    const calls = mockApi(() => answer);
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
      </Routes>,
      { route: '/reset-password/tok-123' },
    );
    const password = await screen.findByLabelText(/^New password/);
    const repeat = screen.getByLabelText(/^Repeat password/);
    await user.type(password, 'short');
    await user.type(repeat, 'different');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(password).toHaveAccessibleDescription(
      expect.stringContaining('Please enter at least 12 characters.'),
    );
    expect(repeat).toHaveAccessibleDescription(
      expect.stringContaining('The two passwords are not the same.'),
    );
    expect(calls).toHaveLength(0);

    await user.clear(password);
    await user.type(password, 'a-good-new-password');
    await user.clear(repeat);
    await user.type(repeat, 'a-good-new-password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already used');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      body: { token: 'tok-123', password: 'a-good-new-password' },
    });

    answer = [204, null];
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/Your password was changed/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to sign-in' })).toHaveAttribute('href', '/login');
  });
});
