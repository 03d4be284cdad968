import { Group, Text } from '@mantine/core';

/** Two overlapping circles, teal and indigo: the two sides riding together. */
export function Wordmark({ size = 'lg' }: { size?: 'md' | 'lg' | 'xl' }) {
  const px = size === 'xl' ? 30 : size === 'lg' ? 24 : 20;
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={px * 1.45} height={px} viewBox="0 0 29 20" aria-hidden>
        <circle cx="10" cy="10" r="9" fill="var(--mantine-color-teal-6)" />
        <circle cx="19" cy="10" r="9" fill="var(--mantine-color-indigo-6)" fillOpacity="0.85" />
      </svg>
      <Text fw={800} fz={size} style={{ letterSpacing: '-0.02em' }}>
        Tandem
      </Text>
    </Group>
  );
}
