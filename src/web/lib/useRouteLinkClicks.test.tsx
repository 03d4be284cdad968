import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test-utils.js';
import { useRouteLinkClicks } from './useRouteLinkClicks.js';

function List() {
  const onClick = useRouteLinkClicks();
  return (
    <div onClick={onClick}>
      <a href="/initiatives/i1?tab=goals&health=goals" data-route>
        <span>cell</span>
      </a>
      <a href="/plain">plain</a>
      <a href="https://example.com/x" data-route>
        elsewhere
      </a>
      <a href="/new-tab" data-route target="_blank">
        new tab
      </a>
    </div>
  );
}

const location = () => screen.getByTestId('location').textContent;

describe('useRouteLinkClicks', () => {
  it('a plain click on a row link (or inside it) opens the page in the app', () => {
    renderWithProviders(<List />, { route: '/portfolio' });
    const click = fireEvent.click(screen.getByText('cell'));
    // Handled: the browser does not load the page itself.
    expect(click).toBe(false);
    expect(location()).toBe('/initiatives/i1?tab=goals&health=goals');
  });

  it.each([
    ['with Ctrl (a new tab)', { ctrlKey: true }],
    ['with Cmd', { metaKey: true }],
    ['with Shift (a new window)', { shiftKey: true }],
    ['with the middle button', { button: 1 }],
  ])('a click %s is left to the browser', (_name, init) => {
    renderWithProviders(<List />, { route: '/portfolio' });
    expect(fireEvent.click(screen.getByText('cell'), init)).toBe(true);
    expect(location()).toBe('/portfolio');
  });

  it('links without data-route, to another origin or to another window are left alone', () => {
    renderWithProviders(<List />, { route: '/portfolio' });
    for (const name of ['plain', 'elsewhere', 'new tab']) {
      expect(fireEvent.click(screen.getByText(name)), name).toBe(true);
      expect(location()).toBe('/portfolio');
    }
  });
});
