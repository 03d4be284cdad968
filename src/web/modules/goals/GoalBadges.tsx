import { Badge, type BadgeProps, type MantineColor } from '@mantine/core';
import {
  IconAlertCircle,
  IconCircleCheck,
  IconEqual,
  IconPencil,
  IconTrendingDown,
  IconTrendingUp,
  IconTrophy,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Goal, GoalStatus } from '../../../contracts/goals.js';

type Variant = BadgeProps['variant'];

// Ampel colours (green/amber/red) are reserved for health: goal states use neutral, blue and
// violet, growing stronger as a goal firms up (draft → agreed) and violet once achieved.
const STATUS_LOOK: Record<GoalStatus, { color: MantineColor; variant: Variant }> = {
  draft: { color: 'gray', variant: 'outline' },
  proposed: { color: 'blue', variant: 'light' },
  agreed: { color: 'blue', variant: 'filled' },
  achieved: { color: 'violet', variant: 'filled' },
  missed: { color: 'dark', variant: 'outline' },
  dropped: { color: 'gray', variant: 'outline' },
};

export function GoalStatusBadge({
  status,
  ...props
}: { status: GoalStatus } & Omit<BadgeProps, 'color' | 'variant' | 'children'>) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge
      color={look.color}
      variant={look.variant}
      radius="sm"
      leftSection={
        status === 'achieved' ? (
          <IconTrophy size={12} aria-hidden />
        ) : status === 'draft' ? (
          <IconPencil size={12} aria-hidden />
        ) : undefined
      }
      data-status={status}
      {...props}
    >
      {t(`goals.status.${status}`)}
    </Badge>
  );
}

type State = Goal['progress']['state'];

const STATE_LOOK: Record<State, { color: MantineColor; variant: Variant; Icon: typeof IconEqual }> =
  {
    no_data: { color: 'gray', variant: 'outline', Icon: IconEqual },
    on_track: { color: 'blue', variant: 'light', Icon: IconEqual },
    ahead: { color: 'violet', variant: 'light', Icon: IconTrendingUp },
    behind: { color: 'dark', variant: 'light', Icon: IconTrendingDown },
    achieved: { color: 'violet', variant: 'filled', Icon: IconCircleCheck },
  };

/** im Plan / hinter Plan / dem Plan voraus / erreicht / noch keine Daten. */
export function ProgressStateBadge({
  state,
  ...props
}: { state: State } & Omit<BadgeProps, 'color' | 'variant' | 'children'>) {
  const { t } = useTranslation();
  const { color, variant, Icon } = STATE_LOOK[state];
  return (
    <Badge
      color={color}
      variant={variant}
      radius="sm"
      tt="none"
      leftSection={state === 'no_data' ? undefined : <Icon size={12} aria-hidden />}
      data-state={state}
      {...props}
    >
      {t(`goals.state.${state}`)}
    </Badge>
  );
}

/** Past the due date without reaching the target: the owners must decide. */
export function NeedsDecisionBadge(props: Omit<BadgeProps, 'color' | 'variant' | 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge
      color="dark"
      variant="filled"
      radius="sm"
      leftSection={<IconAlertCircle size={12} aria-hidden />}
      {...props}
    >
      {t('goals.needsDecision')}
    </Badge>
  );
}
