import { Badge, Button, type ButtonProps } from '@mantine/core';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';

/**
 * On a phone the filter lists fold behind this button; it counts the active filters and
 * says the count to screen readers in its label (`activeLabel`).
 */
export function FilterToggle({
  opened,
  count,
  controls,
  label,
  activeLabel,
  onClick,
  mb,
}: {
  opened: boolean;
  count: number;
  /** The id of the folding panel. */
  controls: string;
  label: string;
  activeLabel: string;
  onClick: () => void;
  mb?: ButtonProps['mb'];
}) {
  return (
    <Button
      variant={opened ? 'light' : 'default'}
      mb={mb}
      leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" circle aria-hidden>
            {count}
          </Badge>
        ) : undefined
      }
      aria-expanded={opened}
      aria-controls={controls}
      aria-label={count > 0 ? activeLabel : label}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}
