import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonRef, Side } from '../../../contracts/common.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { PersonChip } from '../../components/PersonChip.js';
import { SIDE_COLOR } from '../../components/sides.js';

function SideColumn({
  side,
  owner,
  deputy,
}: {
  side: Side;
  owner: PersonRef;
  deputy: PersonRef | null;
}) {
  const { t } = useTranslation();
  const color = SIDE_COLOR[side];
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t(`side.${side}`)}
      style={{
        borderTop: `4px solid var(--mantine-color-${color}-6)`,
        background: `light-dark(var(--mantine-color-${color}-0), color-mix(in srgb, var(--mantine-color-${color}-9) 22%, var(--mantine-color-dark-7)))`,
      }}
    >
      <Text
        size="xs"
        fw={700}
        tt="uppercase"
        c={`light-dark(var(--mantine-color-${color}-8), var(--mantine-color-${color}-3))`}
        mb="sm"
        style={{ letterSpacing: '0.04em' }}
      >
        {t(`side.${side}`)}
      </Text>
      <Stack gap="sm">
        <PersonChip person={owner} size="md" detail={t('initiative.owner')} />
        {deputy ? (
          <PersonChip person={deputy} size="md" detail={t('initiative.deputy')} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('initiative.noDeputy')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The two owners side by side: business left in teal, IT right in indigo. */
export function InitiativeOwners({ initiative }: { initiative: Initiative }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <SideColumn
        side="business"
        owner={initiative.businessOwner}
        deputy={initiative.businessDeputy}
      />
      <SideColumn side="it" owner={initiative.itOwner} deputy={initiative.itDeputy} />
    </SimpleGrid>
  );
}
