import { MantineProvider, useMantineTheme, type MantineTheme } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RiskClass, Status } from '../../contracts/initiatives.js';
import { RISK_CLASSES } from '../../domain/risk.js';
import { STATUSES } from '../modules/initiatives/useInitiativeFilters.js';
import { theme } from '../theme.js';
import { RiskBadge, RowRiskBadge, RowStatusBadge, StatusBadge } from './Badges.js';
import { RowAvatar, PersonAvatar, initialsOf } from './PersonChip.js';
import i18n from '../i18n/index.js';

/** The app's `t` in the language the Mantine versions speak (their own useTranslation). */
const t = i18n.t.bind(i18n);

/** The markup `draw` makes with the app's theme, without the provider's own style tags. */
function markup(draw: (theme: MantineTheme) => React.ReactNode): string {
  function Probe() {
    return (
      <>
        <template data-from />
        {draw(useMantineTheme())}
        <template data-to />
      </>
    );
  }
  const html = renderToStaticMarkup(
    <MantineProvider theme={theme}>
      <Probe />
    </MantineProvider>,
  );
  const from = '<template data-from="true"></template>';
  const to = html.indexOf('<template data-to="true"></template>');
  expect(html.indexOf(from)).toBeGreaterThan(0);
  return html.slice(html.indexOf(from) + from.length, to);
}

// The list rows draw plain elements in place of Mantine's badges and avatars (a screen of rows
// holds ~80 of them): the page must look exactly as with Mantine's components.
describe("list rows' plain badges and avatars", () => {
  it.each(STATUSES)('status %s: the markup of StatusBadge', (status: Status) => {
    const mantine = markup(() => <StatusBadge status={status} />);
    expect(mantine).toContain('mantine-Badge-root');
    expect(markup((th) => <RowStatusBadge status={status} t={t} theme={th} />)).toBe(mantine);
  });

  it.each(RISK_CLASSES)('risk class %s: the markup of RiskBadge short', (riskClass: RiskClass) => {
    const mantine = markup(() => <RiskBadge riskClass={riskClass} short />);
    expect(markup((th) => <RowRiskBadge riskClass={riskClass} t={t} theme={th} />)).toBe(mantine);
  });

  it.each([
    [{ name: 'Olivia Schröder', side: 'business' as const }, 26],
    [{ name: 'Jürgen Wolf', side: 'it' as const }, 22],
    [{ name: 'Cher', side: 'it' as const }, 26],
    [{ name: 'Anna Maria von Berg', side: 'business' as const }, 22],
  ])('%o at %i px: the markup of PersonAvatar', (person, size) => {
    const mantine = markup(() => <PersonAvatar person={person} size={size} />);
    expect(mantine).toContain('mantine-Avatar-root');
    const sideWord = t(`side.${person.side}`);
    expect(
      markup((th) => <RowAvatar person={person} size={size} sideWord={sideWord} theme={th} />),
    ).toBe(mantine);
  });

  it("takes a name's initials as Mantine does", () => {
    expect(initialsOf('Olivia Schröder')).toBe('OS');
    expect(initialsOf('Anna Maria von Berg')).toBe('AM');
    expect(initialsOf('cher')).toBe('CH');
  });
});
