import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../domain/health.js';
import i18n from '../../i18n/index.js';
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
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') {
          sent.push(JSON.parse(init.body as string));
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
          return Promise.resolve(
            new Response(JSON.stringify(problem), {
              status: 422,
              headers: { 'content-type': 'application/problem+json' },
            }),
          );
        }
        expect(url).toBe('/api/admin/health-thresholds');
        return Promise.resolve(new Response(JSON.stringify(settings), { status: 200 }));
      }),
    );
    renderWithProviders(<HealthThresholdsPage />);
    const field = await screen.findByLabelText(/^Ziel wartet auf Freigabe ab/);
    fireEvent.change(field, { target: { value: '30' } });
    fireEvent.click(screen.getByText('Schwellen speichern').closest('button') as HTMLElement);
    expect(
      await screen.findByText(/Dieser Wert passt nicht zu seinem Gegenstück/),
    ).toBeInTheDocument();
    expect(sent).toEqual([{ goals: { signatureWaitDays: 30 } }]);
  }, 60_000);
});
