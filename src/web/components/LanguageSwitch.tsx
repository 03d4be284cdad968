import { SegmentedControl, useMantineTheme } from '@mantine/core';
import { useId, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../contracts/auth.js';
import type { Language } from '../../contracts/common.js';
import { api } from '../api/client.js';
import { currentLanguage, LANGUAGES } from '../i18n/index.js';
import { meKey } from '../queries/session.js';

/**
 * Switches the UI language at once. When signed in, the choice is also stored in the profile
 * (PATCH /api/me) so it follows the person to other devices and into emails.
 */
export function useLanguageSwitch() {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const sent = useRef<Language | undefined>(undefined);
  const language = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const setLanguage = async (next: Language) => {
    // Stored at once, while the language's messages load (their own chunk): a tab closed
    // right after the click still keeps the choice.
    // Against the last choice sent, not the profile as last read: a second click while the
    // first is on its way (the UI still shows the old language) is stored too.
    const me = queryClient.getQueryData<Me | null>(meKey);
    const last = sent.current ?? me?.language;
    if (me) sent.current = next;
    const stored =
      me && last !== next
        ? api.patch<Me>('/me', { language: next }).then(
            (updated) => queryClient.setQueryData(meKey, updated),
            () => {
              // The UI switches all the same; the profile keeps the old value until the next try.
            },
          )
        : undefined;
    await i18n.changeLanguage(next);
    await stored;
  };
  return { language, setLanguage };
}

const sc = SegmentedControl.classes;

/**
 * DE | EN in the look of Mantine's SegmentedControl (its classes, radio inputs in a
 * radiogroup), drawn without its sliding indicator: that measures both labels' positions as
 * the page first draws (a forced layout of the whole page, ~50–130 ms on a slow computer, in
 * the header of every page). The chosen label draws its own background instead (the style
 * SegmentedControl uses before its indicator is placed); only the slide animation is gone.
 */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguageSwitch();
  const theme = useMantineTheme();
  const name = useId();
  return (
    <div
      role="radiogroup"
      aria-label={t('app.language')}
      className={`mantine-SegmentedControl-root ${sc.root}`}
      data-with-items-borders
      style={
        {
          '--sc-shadow': 'var(--mantine-shadow-xs)',
          '--sc-padding': `var(--sc-padding-${size})`,
          '--sc-font-size': `var(--mantine-font-size-${size})`,
        } as React.CSSProperties
      }
    >
      {LANGUAGES.map((l) => {
        const active = language === l;
        const id = `${name}-${l}`;
        return (
          <div key={l} className={sc.control} data-active={active || undefined}>
            <input
              className={sc.input}
              type="radio"
              name={name}
              value={l}
              id={id}
              checked={active}
              onChange={() => void setLanguage(l)}
              data-focus-ring={theme.focusRing}
            />
            <label className={sc.label} htmlFor={id} data-active={active || undefined}>
              <span className={sc.innerLabel}>{l.toUpperCase()}</span>
            </label>
          </div>
        );
      })}
    </div>
  );
}
