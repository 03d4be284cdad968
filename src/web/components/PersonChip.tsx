import { Avatar, Group, Stack, Text, type MantineSize, type MantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Side } from '../../contracts/common.js';
import { definedVars, stylesPerTheme } from './plain-mantine.js';
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

const avatarRoot = `${Avatar.classes.root} mantine-Avatar-root`;
const avatarPlaceholder = `${Avatar.classes.placeholder} mantine-Avatar-placeholder`;

/** Mantine's Avatar's initials (its getInitials, which @mantine/core does not export). */
export function initialsOf(name: string, limit = 2): string {
  const words = name.split(' ');
  if (words.length === 1) return name.slice(0, limit).toUpperCase();
  return words
    .map((word) => word[0])
    .slice(0, limit)
    .join('')
    .toUpperCase();
}

/** PersonAvatar's inline style (Mantine's Avatar variables and the side's ring), made once. */
const avatarStyle = stylesPerTheme((theme, side: Side, size: number) => {
  const color = SIDE_COLOR[side];
  return {
    ...definedVars(
      Avatar.varsResolver(theme, { color, variant: 'light', size, radius: 'xl' }, {}).root,
    ),
    boxShadow: `0 0 0 2px var(--mantine-color-body), 0 0 0 4px var(--mantine-color-${color}-6)`,
    flexShrink: 0,
  };
});

/**
 * PersonAvatar of a list row as plain elements with exactly the markup of Mantine's Avatar
 * (PersonChip.test.tsx holds them equal), with the side's words and the theme passed in: a
 * screen of rows holds about forty avatars, each a Mantine component tree of its own (props,
 * styles, variables, an effect) that the app takes over as it starts.
 */
export function RowAvatar({
  person,
  size,
  sideWord,
  theme,
}: {
  person: PersonLike;
  size: number;
  /** The side in words (t(`side.${person.side}`)). */
  sideWord: string;
  theme: MantineTheme;
}) {
  return (
    <div
      style={avatarStyle(theme, person.side, size)}
      className={avatarRoot}
      data-variant="light"
      title={`${person.name} · ${sideWord}`}
      aria-hidden
    >
      <span className={avatarPlaceholder}>{initialsOf(person.name)}</span>
    </div>
  );
}
