import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../domain/health.js';
import i18n from '../../i18n/index.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import HealthThresholdsPage from './HealthThresholdsPage.js';

const settings = {
  overrides: {},
  effective: DEFAULT_HEALTH_THRESHOLDS,
  defaults: DEFAULT_HEALTH_THRESHOLDS,
  updatedAt: null as string | null,
  tag: 'defaults',
};

describe('HealthThresholdsPage', () => {
  it('sends only the changed fields and shows the server’s refusal at the field, in German', async () => {
    await i18n.changeLanguage('de');
    const calls = mockApi((method, url) => {
      if (method !== 'PUT') {
        expect(url).toBe('/api/admin/health-thresholds');
        return [200, settings];
      }
      const problem = {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        code: 'validation_failed',
        errors: [
          {
            pointer: '/body/goals/signatureWaitDays',
            message: 'must be less than goals.signatureWaitLongDays (21)',
            code: 'range',
          },
        ],
      };
      return [422, problem];
    });
    renderWithProviders(<HealthThresholdsPage />);
    const field = await screen.findByLabelText(/^Ziel wartet auf Freigabe ab/);
    fireEvent.change(field, { target: { value: '30' } });
    fireEvent.click(screen.getByText('Schwellen speichern').closest('button') as HTMLElement);
    expect(
      await screen.findByText(/Dieser Wert passt nicht zu seinem Gegenstück/),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { goals: { signatureWaitDays: 30 } },
    ]);
  }, 60_000);

  it('saves over what it read only: someone else’s save meanwhile is said, and reload shows it', async () => {
    await i18n.changeLanguage('en');
    let stored = settings;
    const calls = mockApi((method) => {
      if (method !== 'PUT') return [200, stored];
      // Another admin saved in between: the server refuses this one.
      stored = {
        ...settings,
        overrides: {},
        updatedAt: '2026-11-26T10:00:00.000Z',
        tag: '2026-11-26T10:00:00.000Z~abc',
      };
      return [
        409,
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'version_conflict',
          detail: 'Someone else changed this health thresholds meanwhile.',
        },
      ];
    });
    renderWithProviders(<HealthThresholdsPage />);
    const field = await screen.findByLabelText(/^Goal waits for a signature from/);
    fireEvent.change(field, { target: { value: '9' } });
    fireEvent.click(screen.getByText('Save thresholds').closest('button') as HTMLElement);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(i18n.t('problem.versionConflict'));
    expect(calls.find((c) => c.method === 'PUT')?.headers['if-match']).toBe('"defaults"');
    const gets = calls.filter((c) => c.method === 'GET').length;
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET').length).toBe(gets + 1));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  }, 60_000);

  it('says in the Ampel’s own words when green would not start above amber (English)', async () => {
    mockApi((method) =>
      method === 'PUT'
        ? [
            422,
            {
              type: 'about:blank',
              title: 'Unprocessable Content',
              status: 422,
              code: 'validation_failed',
              errors: [
                {
                  pointer: '/body/ampel/greenMin',
                  message: 'must be greater than ampel.amberMin (50)',
                  code: 'range',
                },
              ],
            },
          ]
        : [200, settings],
    );
    renderWithProviders(<HealthThresholdsPage />);
    const field = await screen.findByLabelText(/^Green from score/);
    fireEvent.change(field, { target: { value: '40' } });
    fireEvent.click(screen.getByText('Save thresholds').closest('button') as HTMLElement);
    expect(
      await screen.findByText(
        'Green must start above amber: “Green from” must be greater than “Amber from”.',
      ),
    ).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
  }, 60_000);
});
