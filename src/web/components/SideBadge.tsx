import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../contracts/common.js';
import { SIDE_COLOR } from './sides.js';

interface SideBadgeProps extends Omit<BadgeProps, 'color' | 'children'> {
  side: Side | 'both';
}

/** "Business" in teal or "IT" in indigo. */
export function SideBadge({ side, ...props }: SideBadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={SIDE_COLOR[side]} variant="light" radius="sm" {...props}>
      {t(`side.${side}`)}
    </Badge>
  );
}
