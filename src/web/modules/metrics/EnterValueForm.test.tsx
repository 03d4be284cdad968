import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n/index.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import { EnterValueForm } from './EnterValueForm.js';
import { metric } from './fixtures.js';
import { localInputToIso } from './metric-format.js';

describe('EnterValueForm', () => {
  it('takes the time as German writes it and sends the same ISO timestamp as before', async () => {
    await i18n.changeLanguage('de');
    const calls = mockApi(() => [201, { id: 'x' }]);
    renderWithProviders(<EnterValueForm metric={metric()} />);

    const at = screen.getByLabelText(/Zeitpunkt/);
    // Today, now, in German: a date with dots and a 24-hour time.
    expect(at).toHaveDisplayValue(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    fireEvent.change(at, { target: { value: '27.11.2026 14:30' } });
    fireEvent.blur(at);
    expect(at).toHaveValue('27.11.2026 14:30');
    await userEvent.type(screen.getByLabelText(/Wert/), '12');
    await userEvent.click(screen.getByRole('button', { name: 'Wert speichern' }));

    await waitFor(() => expect(calls).not.toHaveLength(0));
    expect(calls[0]?.url).toBe('/api/metrics/m1/measurements');
    const body = calls[0]?.body as { at: string; value: number };
    // The browser's local 27 Nov 2026, 14:30 with its offset, exactly what the native field sent.
    expect(body).toMatchObject({ at: localInputToIso('2026-11-27T14:30'), value: 12 });
    expect(body.at).toMatch(/^2026-11-27T14:30:00[+-]\d{2}:\d{2}$/);
  });
});
