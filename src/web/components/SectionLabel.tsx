import { Title, type TitleProps } from '@mantine/core';

/**
 * The small grey capitals that head a panel or a block inside one ("OWNERS", "GOALS").
 * Callers pick the heading level that fits the page's outline and any spacing.
 */
export function SectionLabel({ children, ...props }: TitleProps) {
  return (
    <Title fz="sm" tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }} {...props}>
      {children}
    </Title>
  );
}
