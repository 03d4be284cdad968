import { Badge, type BadgeProps, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RiskClass, Status } from '../../contracts/initiatives.js';

// Ampel colours (green/yellow/red) are reserved for health, so risk and status use
// neutral hues that grow darker with severity.
const RISK_COLOR: Record<RiskClass, MantineColor> = {
  minimal: 'gray',
  limited: 'blue',
  high: 'violet',
  prohibited: 'dark',
};

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
    <Badge
      color={RISK_COLOR[riskClass]}
      variant={riskClass === 'prohibited' ? 'filled' : 'light'}
      radius="sm"
      {...props}
    >
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

export function StatusBadge({ status, ...props }: { status: Status } & Omit<BadgeProps, 'color'>) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant={status === 'cancelled' ? 'outline' : 'light'}
      radius="sm"
      {...props}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}
