import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.js';
import { renderWithProviders } from '../../test-utils.js';
import { agreement, anna, lukas } from './fixtures.js';
import { AgreementBadge, SignatureSlots } from './SignatureSlots.js';

const slot = (side: 'Business' | 'IT') => screen.getByRole('region', { name: `Signature ${side}` });

describe('SignatureSlots', () => {
  it('shows who signed when, and that the other side is waiting', () => {
    renderWithProviders(
      <SignatureSlots
        agreement={agreement({
          business: {
            version: 1,
            side: 'business',
            person: anna,
            signedAt: '2026-11-24T09:00:00Z',
          },
          waitingFor: ['it'],
        })}
      />,
    );
    const business = slot('Business');
    expect(business).toHaveAttribute('data-state', 'signed');
    expect(within(business).getByText('Signed')).toBeInTheDocument();
    expect(within(business).getByText('Anna Becker')).toBeInTheDocument();
    expect(within(business).getByText('on 24 Nov 2026')).toBeInTheDocument();
    const it = slot('IT');
    expect(it).toHaveAttribute('data-state', 'waiting');
    expect(within(it).getByText('Waiting for signature')).toBeInTheDocument();
    // Read-only without onSign: no buttons at all.
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers the Sign button only for the side the person may sign', async () => {
    const onSign = vi.fn();
    renderWithProviders(<SignatureSlots agreement={agreement()} onSign={onSign} />);
    const sign = within(slot('Business')).getByRole('button', { name: 'Sign for Business' });
    expect(sign).toBeEnabled();
    await userEvent.click(sign);
    expect(onSign).toHaveBeenCalledWith('business');

    // The other side's button is there but disabled, with the reason in plain words.
    const other = within(slot('IT')).getByRole('button', { name: 'Sign for IT' });
    expect(other).toBeDisabled();
    expect(
      within(slot('IT')).getByText('You work on the Business side and can only sign for it.'),
    ).toBeInTheDocument();
  });

  it('has no Sign button on a side that is already signed', () => {
    renderWithProviders(
      <SignatureSlots
        agreement={agreement({
          agreed: true,
          business: {
            version: 2,
            side: 'business',
            person: anna,
            signedAt: '2026-11-24T09:00:00Z',
          },
          it: { version: 2, side: 'it', person: lukas, signedAt: '2026-11-25T09:00:00Z' },
          waitingFor: [],
          mySignature: {
            business: { code: 'already_signed', message: 'You have already signed this version' },
            it: { code: 'wrong_side', message: '…' },
          },
        })}
        onSign={vi.fn()}
      />,
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(within(slot('IT')).getByText('Lukas Fischer')).toBeInTheDocument();
  });

  it('tells a viewer why they cannot sign, in German too', async () => {
    await i18n.changeLanguage('de');
    const refusal = { code: 'not_member', message: 'Only owners, deputies and contributors sign' };
    renderWithProviders(
      <SignatureSlots
        agreement={agreement({ mySignature: { business: refusal, it: refusal } })}
        onSign={vi.fn()}
      />,
    );
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Für Fachbereich freigeben',
      'Für IT freigeben',
    ]);
    for (const button of buttons) expect(button).toBeDisabled();
    expect(
      screen.getAllByText(
        'Freigeben können Verantwortliche, Stellvertretungen und Mitwirkende dieser Initiative.',
      ),
    ).toHaveLength(2);
  });
});

describe('AgreementBadge', () => {
  it('says whom it waits for', () => {
    renderWithProviders(<AgreementBadge agreement={agreement({ waitingFor: ['it'] })} />);
    expect(screen.getByText('Waiting for IT')).toBeInTheDocument();
  });

  it('says agreed when both sides signed', async () => {
    await i18n.changeLanguage('de');
    renderWithProviders(<AgreementBadge agreement={agreement({ agreed: true, waitingFor: [] })} />);
    expect(screen.getByText('Vereinbart')).toBeInTheDocument();
  });
});
