import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../../../contracts/metrics.js';
import { renderWithProviders } from '../../test-utils.js';
import { metric } from './fixtures.js';
import { ImportCsvModal } from './ImportCsvModal.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    dryRun: true,
    detected: {
      encoding: 'windows-1252',
      delimiter: ';',
      decimal: '.',
      dateOrder: 'dmy',
      columns: ['Datum', 'Wert', 'Notiz'],
    },
    rows: 0,
    preview: [],
    problems: [
      { line: 2, column: 'Wert', reason: '"12,5" is not a number (decimal separator ".")' },
    ],
    stored: 0,
    duplicates: 0,
    ...overrides,
  };
}

const good = report({
  detected: { ...report().detected, decimal: ',' },
  rows: 2,
  preview: [
    { line: 2, at: '2026-11-27T13:00:00.000Z', value: 12, note: 'nachgezählt', source: 'csv' },
    { line: 3, at: '2026-11-28T13:00:00.000Z', value: 11, note: null, source: 'csv' },
  ],
  problems: [],
});

describe('ImportCsvModal', () => {
  it('checks the file first, re-checks with an override, then imports all rows', async () => {
    const answers = [report(), good, { ...good, dryRun: false, stored: 1, duplicates: 1 }];
    const fetchMock = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve(new Response(JSON.stringify(answers.shift()), { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<ImportCsvModal metric={metric()} opened onClose={() => undefined} />);

    // Before a file is chosen the help shows an example in German Excel format.
    expect(screen.getByText(/27\.11\.2026 14:00;12,5;nachgezählt/)).toBeInTheDocument();
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('no file input');
    const file = new File(['Datum;Wert;Notiz\n27.11.2026 14:00;12,5;x\n'], 'Zähler.csv', {
      type: 'text/csv',
    });
    await userEvent.upload(input, file);

    await screen.findByText('1 problem');
    expect(screen.getByText('"12,5" is not a number (decimal separator ".")')).toBeInTheDocument();
    expect(screen.getByText('windows-1252')).toBeInTheDocument();
    expect(screen.getByText('Semicolon (;)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import CSV' })).toBeDisabled();
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/metrics/m1/import?dryRun=true');
    expect(init?.body).toBe(file);
    expect(init?.headers).toMatchObject({
      'content-type': 'text/csv',
      'x-file-name': 'Z%C3%A4hler.csv',
    });

    // The guess was wrong: choose the decimal comma, the file is checked again.
    await userEvent.click(screen.getByRole('radio', { name: 'Comma (12,5)' }));
    await screen.findByText('2 rows ready to import');
    expect(fetchMock.mock.calls[1]?.[0]).toBe('/api/metrics/m1/import?dryRun=true&decimal=%2C');
    expect(screen.getByText('nachgezählt')).toBeInTheDocument();

    const importButton = screen.getByRole('button', { name: 'Import 2 rows' });
    expect(importButton).toBeEnabled();
    await userEvent.click(importButton);
    await screen.findByText('1 imported, 1 already present.');
    expect(fetchMock.mock.calls[2]?.[0]).toBe('/api/metrics/m1/import?dryRun=false&decimal=%2C');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument());
  });
});
