import { Avatar, Group, Stack, Text, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../contracts/common.js';
import { SIDE_COLOR } from './sides.js';

export interface PersonLike {
  name: string;
  side: Side;
  department?: string | null;
}

interface PersonAvatarProps {
  person: PersonLike;
  size?: MantineSize | number;
}

/** Initials in a ring of the person's side colour; the side is also spoken for screen readers. */
export function PersonAvatar({ person, size = 'sm' }: PersonAvatarProps) {
  const { t } = useTranslation();
  const color = SIDE_COLOR[person.side];
  return (
    <Avatar
      name={person.name}
      color={color}
      variant="light"
      size={size}
      radius="xl"
      title={`${person.name} · ${t(`side.${person.side}`)}`}
      aria-hidden
      style={{
        boxShadow: `0 0 0 2px var(--mantine-color-body), 0 0 0 4px var(--mantine-color-${color}-6)`,
        flexShrink: 0,
      }}
    />
  );
}

interface PersonChipProps extends PersonAvatarProps {
  /** A second line under the name, e.g. the department or the role. */
  detail?: React.ReactNode;
  withSide?: boolean;
}

/** A person with their side colour: avatar ring, name and (for screen readers) the side. */
export function PersonChip({ person, size = 'sm', detail, withSide = false }: PersonChipProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
      <PersonAvatar person={person} size={size} />
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} truncate>
          {person.name}
          <span className="visually-hidden"> ({t(`side.${person.side}`)})</span>
        </Text>
        {(detail ?? withSide) ? (
          <Text size="xs" c="dimmed" truncate>
            {withSide ? t(`side.${person.side}`) : null}
            {withSide && detail ? ' · ' : null}
            {detail}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}
