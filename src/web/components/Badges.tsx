import { Badge, type BadgeProps, type MantineColor, type MantineTheme } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RiskClass, Status } from '../../contracts/initiatives.js';
import { definedVars, stylesPerTheme } from './plain-mantine.js';

// Ampel colours (green/yellow/red) are reserved for health, so risk and status use
// neutral hues that grow darker with severity.
const RISK_COLOR: Record<RiskClass, MantineColor> = {
  minimal: 'gray',
  limited: 'blue',
  high: 'violet',
  prohibited: 'dark',
};

/** The prohibited class stands out filled; the others are light. */
const riskVariant = (riskClass: RiskClass) => (riskClass === 'prohibited' ? 'filled' : 'light');

export function RiskBadge({
  riskClass,
  short = false,
  ...props
}: {
  riskClass: RiskClass;
  /** Only the class name ("High"), where the context already says "risk class". */
  short?: boolean;
} & Omit<BadgeProps, 'color'>) {
  const { t } = useTranslation();
  return (
    <Badge color={RISK_COLOR[riskClass]} variant={riskVariant(riskClass)} radius="sm" {...props}>
      {short ? t(`risk.class.${riskClass}`) : t(`risk.badge.${riskClass}`)}
    </Badge>
  );
}

const STATUS_COLOR: Record<Status, MantineColor> = {
  active: 'blue',
  paused: 'gray',
  done: 'violet',
  cancelled: 'gray',
};

/** A cancelled initiative's badge is only outlined. */
const statusVariant = (status: Status) => (status === 'cancelled' ? 'outline' : 'light');

export function StatusBadge({ status, ...props }: { status: Status } & Omit<BadgeProps, 'color'>) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant={statusVariant(status)} radius="sm" {...props}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** The theme's badge (theme.ts: sentence case, semibold, never cut short in a cell). */
const BADGE_THEME_STYLE = { minWidth: 'max-content' } as const;
const BADGE_STYLE_PROPS = { fontWeight: 600, textTransform: 'none' } as const;
const badgeRoot = `${Badge.classes.root} mantine-Badge-root`;
const badgeLabel = `${Badge.classes.label} mantine-Badge-label`;
/** Mantine's Badge's inline style for a colour and variant (its own variables), made once. */
const badgeStyle = stylesPerTheme((theme, color: MantineColor, variant: string) => ({
  ...BADGE_THEME_STYLE,
  ...definedVars(Badge.varsResolver(theme, { color, variant, radius: 'sm' }, {}).root),
  ...BADGE_STYLE_PROPS,
}));

function PlainBadge({
  theme,
  color,
  variant,
  children,
}: {
  theme: MantineTheme;
  color: MantineColor;
  variant: string;
  children: React.ReactNode;
}) {
  return (
    <div style={badgeStyle(theme, color, variant)} className={badgeRoot} data-variant={variant}>
      <span className={badgeLabel}>{children}</span>
    </div>
  );
}

/**
 * StatusBadge and RiskBadge (short) of a list row as plain elements with exactly the markup of
 * Mantine's Badge (Badges.test.tsx holds them equal), with the row's `t` and the theme passed
 * in: a screen of rows holds about forty badges, and each Mantine badge is a component tree
 * of its own (props, styles, variables) that the app takes over as it starts.
 */
export function RowStatusBadge({
  status,
  t,
  theme,
}: {
  status: Status;
  t: TFunction;
  theme: MantineTheme;
}) {
  return (
    <PlainBadge theme={theme} color={STATUS_COLOR[status]} variant={statusVariant(status)}>
      {t(`status.${status}`)}
    </PlainBadge>
  );
}

/** RiskBadge with `short`, as plain elements (see RowStatusBadge). */
export function RowRiskBadge({
  riskClass,
  t,
  theme,
}: {
  riskClass: RiskClass;
  t: TFunction;
  theme: MantineTheme;
}) {
  return (
    <PlainBadge theme={theme} color={RISK_COLOR[riskClass]} variant={riskVariant(riskClass)}>
      {t(`risk.class.${riskClass}`)}
    </PlainBadge>
  );
}
