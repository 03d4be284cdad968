import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Occurrence } from '../../../contracts/demos.js';
import i18n from '../../i18n/index.js';
import { mockApi } from '../../test-support/api.js';
import { renderWithProviders } from '../../test-utils.js';
import { type ChangeKind, OccurrenceChangeModal } from './OccurrenceChangeModal.js';

const occurrence: Occurrence = {
  id: 'o1',
  initiativeId: 'i1',
  ruleDate: '2027-03-25',
  startsAt: '2027-03-25T13:00:00.000Z',
  endsAt: '2027-03-25T13:45:00.000Z',
  localDate: '2027-03-25',
  localTime: '14:00',
  timeZone: 'Europe/Berlin',
  state: 'planned',
  moved: false,
  reason: null,
  sequence: 0,
  version: 3,
};

function open(change: ChangeKind) {
  const onClose = vi.fn();
  renderWithProviders(
    <OccurrenceChangeModal
      initiativeId="i1"
      occurrence={occurrence}
      change={change}
      opened
      onClose={onClose}
    />,
  );
  return { onClose, dialog: screen.getByRole('dialog') };
}

describe('OccurrenceChangeModal', () => {
  it('does not skip without a reason, then sends the reason and closes', async () => {
    const calls = mockApi(() => [200, { ...occurrence, state: 'skipped' }]);
    const { onClose } = open('skip');
    expect(screen.getByText('Skip the demo of 25 Mar 2027, 14:00')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Skip demo' }));
    expect(await screen.findByText('Give the reason.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    // Only spaces are no reason either.
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skip demo' }));
    expect(screen.getByText('Give the reason.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: '  Nothing new after the holidays ' },
    });
    expect(screen.queryByText('Give the reason.')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Skip demo' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls[0]?.url).toBe('/api/demos/o1/skip');
    expect(calls[0]?.body).toEqual({
      version: 3,
      reason: 'Nothing new after the holidays',
    });
  });

  it('moves with a new date and time and puts the server’s DST-gap error on the time, in German', async () => {
    await i18n.changeLanguage('de');
    const calls = mockApi(() => [
      422,
      {
        type: 'about:blank',
        title: 'Unprocessable',
        status: 422,
        code: 'validation_failed',
        errors: [
          {
            pointer: '/body/time',
            message: '02:30 does not exist on 2027-03-28 in Europe/Berlin',
            code: 'time_in_dst_gap',
          },
        ],
      },
    ]);
    const { onClose } = open('move');
    expect(screen.getByText('Demo vom 25.03.2027, 14:00 verschieben')).toBeInTheDocument();

    // Date and time as German writes them; the API still gets ISO day and HH:mm.
    const day = screen.getByLabelText(/Neues Datum/);
    expect(day).toHaveValue('25.03.2027');
    fireEvent.change(day, { target: { value: '28.03.2027' } });
    fireEvent.blur(day);
    const hours = screen.getByLabelText('Neue Uhrzeit, Stunden');
    const minutes = screen.getByLabelText('Neue Uhrzeit, Minuten');
    expect(hours).toHaveValue('14');
    expect(minutes).toHaveValue('00');
    await userEvent.clear(hours);
    await userEvent.type(hours, '02');
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '30');
    fireEvent.click(screen.getByRole('button', { name: 'Demo verschieben' }));
    expect(await screen.findByText('Geben Sie den Grund an.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/Grund/), {
      target: { value: 'Sprint-Review verlegt' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Demo verschieben' }));
    const error = await screen.findByText(
      '02:30 Uhr gibt es am 28.03.2027 in Europe/Berlin nicht: Die Uhren werden vorgestellt. Wählen Sie eine andere Uhrzeit.',
    );
    expect(hours).toHaveAttribute('aria-invalid', 'true');
    expect(error).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    expect(calls[0]?.url).toBe('/api/demos/o1/move');
    expect(calls[0]?.body).toEqual({
      version: 3,
      date: '2027-03-28',
      time: '02:30',
      reason: 'Sprint-Review verlegt',
    });

    // Changing the time clears the server's complaint.
    await userEvent.clear(hours);
    await userEvent.type(hours, '03');
    expect(screen.queryByText(/Die Uhren werden vorgestellt/)).not.toBeInTheDocument();
  });

  it('cancels only with a reason and offers to keep the demo', () => {
    const calls = mockApi(() => [200, occurrence]);
    const { onClose } = open('cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel demo' }));
    expect(screen.getByText('Give the reason.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Keep the demo' }));
    expect(onClose).toHaveBeenCalled();
  });
});
