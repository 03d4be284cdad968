import { Badge, type BadgeProps, type MantineColor } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type Ampel = 'green' | 'amber' | 'red';

export const AMPEL_COLOR: Record<Ampel, MantineColor> = {
  green: 'green',
  amber: 'yellow',
  red: 'red',
};

/** Ampel shape beside the colour, so it never depends on colour alone. */
export function AmpelIcon({ ampel, size = 14 }: { ampel: Ampel; size?: number }) {
  if (ampel === 'green') return <IconCircleCheck size={size} aria-hidden />;
  if (ampel === 'amber') return <IconAlertTriangle size={size} aria-hidden />;
  return <IconCircleX size={size} aria-hidden />;
}

/** Green / amber / red as colour, icon and word. */
export function AmpelBadge({
  ampel,
  score,
  ...props
}: { ampel: Ampel; score?: number } & Omit<BadgeProps, 'color'>) {
  const { t } = useTranslation();
  return (
    <Badge
      color={AMPEL_COLOR[ampel]}
      variant="light"
      radius="sm"
      leftSection={<AmpelIcon ampel={ampel} size={12} />}
      c={ampel === 'amber' ? 'yellow.9' : undefined}
      {...props}
    >
      {t(`health.ampel.${ampel}`)}
      {score !== undefined ? ` · ${t('health.scoreShort', { score })}` : ''}
    </Badge>
  );
}
