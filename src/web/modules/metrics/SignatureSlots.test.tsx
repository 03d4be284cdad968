import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/index.js';
import { renderWithProviders } from '../../test-utils.js';
import { agreement, anna, lukas } from './fixtures.js';
import { AgreementBadge, SignatureSlots } from './SignatureSlots.js';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

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
    expect(business.dataset.state).toBe('signed');
    expect(within(business).getByText('Signed')).toBeTruthy();
    expect(within(business).getByText('Anna Becker')).toBeTruthy();
    expect(within(business).getByText('on 24 Nov 2026')).toBeTruthy();
    const it = slot('IT');
    expect(it.dataset.state).toBe('waiting');
    expect(within(it).getByText('Waiting for signature')).toBeTruthy();
    // Read-only without onSign: no buttons at all.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers the Sign button only for the side the person may sign', async () => {
    const onSign = vi.fn();
    renderWithProviders(<SignatureSlots agreement={agreement()} onSign={onSign} />);
    const sign = within(slot('Business')).getByRole('button', { name: 'Sign for Business' });
    expect(sign).toHaveProperty('disabled', false);
    await userEvent.click(sign);
    expect(onSign).toHaveBeenCalledWith('business');

    // The other side's button is there but disabled, with the reason in plain words.
    const other = within(slot('IT')).getByRole('button', { name: 'Sign for IT' });
    expect(other).toHaveProperty('disabled', true);
    expect(
      within(slot('IT')).getByText('You work on the Business side and can only sign for it.'),
    ).toBeTruthy();
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
    expect(screen.queryByRole('button')).toBeNull();
    expect(within(slot('IT')).getByText('Lukas Fischer')).toBeTruthy();
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
    expect(buttons.every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
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
    expect(screen.getByText('Waiting for IT')).toBeTruthy();
  });

  it('says agreed when both sides signed', async () => {
    await i18n.changeLanguage('de');
    renderWithProviders(<AgreementBadge agreement={agreement({ agreed: true, waitingFor: [] })} />);
    expect(screen.getByText('Vereinbart')).toBeTruthy();
  });
});
