import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../../../contracts/metrics.js';
import { renderWithProviders } from '../../test-utils.js';
import { metric } from './fixtures.js';
import { ImportCsvModal } from './ImportCsvModal.js';

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    dryRun: true,
    detected: {
      encoding: 'windows-1252',
      delimiter: ';',
      decimal: '.',
      dateOrder: 'dmy',
      columns: ['Datum', 'Wert', 'Notiz'],
      mapping: { at: 'Datum', value: 'Wert', note: 'Notiz', source: null },
      mappingFrom: 'detected',
      candidates: { at: ['Datum'], value: ['Wert'] },
      needsChoice: false,
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
    // The import reads the columns the pickers showed.
    expect(fetchMock.mock.calls[2]?.[0]).toBe(
      '/api/metrics/m1/import?dryRun=false&decimal=%2C&timeColumn=Datum&valueColumn=Wert&noteColumn=Notiz&sourceColumn=',
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument());
  });

  it('offers the columns of the file; a choice checks the file again with it', async () => {
    const leads = report({
      detected: {
        ...report().detected,
        columns: ['Datum', 'Abgeschlossene Leads', 'Offene Leads'],
        mapping: { at: 'Datum', value: 'Abgeschlossene Leads', note: null, source: null },
        candidates: { at: ['Datum'], value: ['Abgeschlossene Leads', 'Offene Leads'] },
        needsChoice: true,
      },
      problems: [],
      rows: 1,
    });
    const answers = [leads, { ...leads, detected: { ...leads.detected, needsChoice: false } }];
    const fetchMock = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve(new Response(JSON.stringify(answers.shift()), { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<ImportCsvModal metric={metric()} opened onClose={() => undefined} />);
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('no file input');
    await userEvent.upload(input, new File(['x'], 'leads.csv', { type: 'text/csv' }));
    await screen.findByText('Columns to import');
    expect(screen.getByText(/Several columns could hold the values/)).toBeInTheDocument();
    const value = screen.getByLabelText('Value', { selector: 'input' });
    expect(value).toHaveValue('Abgeschlossene Leads');
    await userEvent.click(value);
    await userEvent.click(await screen.findByRole('option', { name: 'Offene Leads' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(fetchMock.mock.calls[1]?.[0]).toBe(
      '/api/metrics/m1/import?dryRun=true&timeColumn=Datum&valueColumn=Offene+Leads&noteColumn=&sourceColumn=',
    );
  });
});
