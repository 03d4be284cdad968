import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { qualityGate } from '../../../domain/goals.js';
import i18n from '../../i18n/index.js';
import { renderWithProviders } from '../../test-utils.js';
import { GateChecklist } from './GateChecklist.js';

const TODAY = '2026-11-27';

const items = () =>
  within(screen.getByTestId('gate-checklist'))
    .getAllByRole('listitem')
    .map((li) => ({
      field: li.getAttribute('data-field'),
      ok: li.getAttribute('data-ok') === 'true',
      text: li.textContent,
    }));

describe('GateChecklist', () => {
  it('names every point in plain words: ticks for what is in place, the rest as what to do', () => {
    const gate = qualityGate(
      {
        metricId: 'm1',
        direction: 'higher_is_better',
        baselineValue: 4,
        baselineDate: '2026-07-30',
        targetValue: null,
        dueDate: null,
        businessResponsibleId: 'anna',
        itResponsibleId: null,
      },
      TODAY,
    );
    renderWithProviders(<GateChecklist gate={gate} direction="higher_is_better" />);
    expect(
      screen.getByRole('heading', { name: 'What is missing before both sides can sign' }),
    ).toBeInTheDocument();
    expect(items()).toEqual([
      { field: 'metricId', ok: true, text: 'In place: The metric it is measured by is chosen' },
      { field: 'baselineValue', ok: true, text: 'In place: The baseline is entered' },
      { field: 'baselineDate', ok: true, text: 'In place: The date of the baseline is entered' },
      { field: 'targetValue', ok: false, text: 'Missing: Enter the target value.' },
      { field: 'dueDate', ok: false, text: 'Missing: Enter the due date.' },
      {
        field: 'businessResponsibleId',
        ok: true,
        text: 'In place: A responsible person on the business side is named',
      },
      { field: 'itResponsibleId', ok: false, text: 'Missing: Name the responsible person in IT.' },
    ]);
  });

  it('explains contradictions in the metric’s direction, in German', async () => {
    await i18n.changeLanguage('de');
    const gate = qualityGate(
      {
        metricId: 'm1',
        direction: 'lower_is_better',
        baselineValue: 18,
        baselineDate: '2026-07-30',
        targetValue: 20,
        dueDate: '2026-11-01',
        businessResponsibleId: 'anna',
        itResponsibleId: 'lukas',
      },
      TODAY,
    );
    renderWithProviders(<GateChecklist gate={gate} direction="lower_is_better" />);
    const open = items().filter((i) => !i.ok);
    expect(open).toEqual([
      {
        field: 'targetValue',
        ok: false,
        text: 'Fehlt: Der Zielwert muss unter dem Ausgangswert liegen: Bei dieser Kennzahl ist niedriger besser.',
      },
      { field: 'dueDate', ok: false, text: 'Fehlt: Der Zieltermin muss in der Zukunft liegen.' },
    ]);
  });

  it('says the goal is ready when nothing is missing', () => {
    renderWithProviders(<GateChecklist gate={[]} direction="higher_is_better" />);
    expect(screen.getByRole('heading', { name: 'Ready for signing' })).toBeInTheDocument();
    expect(items().every((i) => i.ok)).toBe(true);
    expect(screen.getByText('Everything is in place: the goal is measurable.')).toBeInTheDocument();
  });

  it('keeps the server’s words for a problem it does not know', () => {
    renderWithProviders(
      <GateChecklist
        gate={[{ field: 'dueDate', code: 'holiday', message: 'The due date is a holiday' }]}
        direction={null}
      />,
    );
    expect(items().find((i) => i.field === 'dueDate')?.text).toBe(
      'Missing: The due date is a holiday',
    );
  });
});
