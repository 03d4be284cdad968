import { fireEvent, screen } from '@testing-library/react';
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
  updatedAt: null,
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
