import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DemoOverview } from '../../../contracts/demos.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';
import type { Side } from '../../../domain/sides.js';

type Confidence = NonNullable<DemoOverview['past'][number]['confidence']>;

/** Average confidence per side; flagged when the sides differ by 1.5 or more. */
export function ConfidenceBadges({ confidence }: { confidence: Confidence }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (confidence.votes === 0) return null;
  const n = (x: number | null) => (x === null ? '–' : fmt.number(x, { maximumFractionDigits: 1 }));
  // Works-council mode shows an average only from 3 votes: fewer say so instead.
  const label = (side: Side, value: number | null, votes: number) =>
    value === null && votes > 0
      ? t('demos.confidence.notEnough', { side: t(`side.${side}`), count: votes })
      : t('demos.confidence.side', { side: t(`side.${side}`), value: n(value) });
  return (
    <Group gap={6}>
      <Badge variant="light" color={SIDE_COLOR.business}>
        {label('business', confidence.business, confidence.businessVotes)}
      </Badge>
      <Badge variant="light" color={SIDE_COLOR.it}>
        {label('it', confidence.it, confidence.itVotes)}
      </Badge>
      {confidence.divergent ? (
        <Tooltip label={t('demos.confidence.divergentHint')}>
          <Badge color="grape" variant="filled">
            {t('demos.confidence.divergent')}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}
