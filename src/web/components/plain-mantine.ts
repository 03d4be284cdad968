import type { MantineTheme } from '@mantine/core';
import type { CSSProperties } from 'react';

/**
 * For list rows drawn as plain elements with a Mantine component's markup (RowStatusBadge,
 * RowRiskBadge, RowAvatar): the component's inline style, made once per theme and key (a
 * screen of rows asks for the same few styles dozens of times) by `make`, from the component's
 * own `varsResolver` variables (`definedVars`: those it sets).
 */
export function stylesPerTheme<Args extends unknown[]>(
  make: (theme: MantineTheme, ...args: Args) => CSSProperties,
): (theme: MantineTheme, ...args: Args) => CSSProperties {
  const made = new WeakMap<MantineTheme, Map<string, CSSProperties>>();
  return (theme, ...args) => {
    let styles = made.get(theme);
    if (!styles) made.set(theme, (styles = new Map()));
    const key = args.join(' ');
    let style = styles.get(key);
    if (!style) styles.set(key, (style = make(theme, ...args)));
    return style;
  };
}

/** A `varsResolver` result's variables without the unset ones (as Mantine writes them). */
export const definedVars = (
  vars: Record<string, string | undefined> = {},
): Record<string, string> =>
  Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
