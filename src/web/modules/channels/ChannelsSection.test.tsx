import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../contracts/channels.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import { ChannelsSection } from './ChannelsSection.js';

const channel: Channel = {
  id: 'c1',
  initiativeId: 'i1',
  kind: 'webhook',
  name: 'ERP relay',
  target: 'https://erp.example.com/…',
  events: ['goal.agreed'],
  language: 'en',
  enabled: true,
  version: 1,
  createdAt: '2026-11-27T09:00:00Z',
  updatedAt: '2026-11-27T09:00:00Z',
};

async function fillForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Add channel' }));
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByText('Other system (signed webhook)'));
  await user.type(within(dialog).getByLabelText(/^Name/), 'ERP relay');
  await user.type(within(dialog).getByLabelText(/^Webhook address/), 'https://10.0.0.5/hook');
  await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));
  return dialog;
}

describe('ChannelsSection', { timeout: 60_000 }, () => {
  it('puts the server’s refusal of an internal address next to the address, in plain words', async () => {
    mockApi((method) =>
      method === 'POST'
        ? [
            422,
            {
              type: 'about:blank',
              title: 'Unprocessable Content',
              status: 422,
              code: 'validation_failed',
              detail: 'url: points to 10.0.0.5',
              errors: [
                { pointer: '/body/url', message: 'points to 10.0.0.5', code: 'private_address' },
              ],
            },
          ]
        : [200, []],
    );
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ChannelsSection scope="i1" />);
    expect(await screen.findByText(/No channel yet/)).toBeInTheDocument();
    const dialog = await fillForm(user);
    expect(
      await within(dialog).findByText(/points into the internal network or to this server/),
    ).toBeInTheDocument();
  });

  it('shows a signed webhook’s secret once, and sends a test from the card', async () => {
    let list: Channel[] = [];
    const calls = mockApi((method, url) => {
      if (method === 'POST' && url.endsWith('/initiatives/i1/channels')) {
        list = [channel];
        return [201, { channel, secret: 'whsec_c2VjcmV0' }];
      }
      if (method === 'POST' && url.endsWith('/channels/c1/test')) return [202, null];
      if (url.includes('/deliveries')) return [200, []];
      return [200, list];
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ChannelsSection scope="i1" />);
    await fillForm(user);
    const secret = await screen.findByRole('dialog', { name: 'Signing secret' });
    expect(within(secret).getByText('whsec_c2VjcmV0')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ kind: 'webhook', name: 'ERP relay', language: 'en' });
    await user.click(within(secret).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByText('whsec_c2VjcmV0')).not.toBeInTheDocument());

    await user.click(await screen.findByRole('button', { name: 'Send test' }));
    expect(await screen.findByText(/Test message is on its way/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/channels/c1/test'))).toBe(
      true,
    );
  });
});
