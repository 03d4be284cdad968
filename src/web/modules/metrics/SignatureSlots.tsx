import {
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  type BadgeProps,
} from '@mantine/core';
import {
  IconCircleCheckFilled,
  IconHourglassHigh,
  IconRosetteDiscountCheckFilled,
  IconSignature,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Side } from '../../../contracts/common.js';
import { SIDES } from '../../../domain/sides.js';
import type { AgreementView } from '../../../contracts/metrics.js';
import { PersonAvatar } from '../../components/PersonChip.js';
import { SIDE_COLOR } from '../../components/sides.js';
import { useFormat } from '../../i18n/format.js';

const other = (side: Side): Side => (side === 'business' ? 'it' : 'business');

/** Why the signed-in person cannot sign this side, in their language. */
export function refusalText(
  side: Side,
  refusal: { code: string; message: string },
  t: TFunction,
): string {
  switch (refusal.code) {
    case 'not_member':
    case 'already_signed':
    case 'stale_version':
      return t(`metrics.agreement.why.${refusal.code}`);
    case 'wrong_side':
      return t('metrics.agreement.why.wrong_side', { own: t(`side.${other(side)}`) });
    default:
      return refusal.message;
  }
}

/** Whether the agreement waits for a side the signed-in person has not signed yet. */
export const waitsForMe = (agreement: AgreementView): boolean =>
  agreement.waitingFor.some((side) => agreement.mySignature[side] === null);

/** On a card: the way to the page where the signed-in person reviews and signs. */
export function ReviewToSignButton({ to, label }: { to: string; label: string }) {
  return (
    <Button
      component={Link}
      to={to}
      variant="light"
      size="xs"
      leftSection={<IconSignature size={14} aria-hidden />}
      w="fit-content"
    >
      {label}
    </Button>
  );
}

/** "Agreed" when both sides signed the current version, else whom it waits for. */
export function AgreementBadge({
  agreement,
  ...props
}: { agreement: AgreementView } & Omit<BadgeProps, 'color' | 'children'>) {
  const { t } = useTranslation();
  if (agreement.agreed) {
    return (
      <Badge
        color="blue"
        variant="filled"
        radius="sm"
        leftSection={<IconRosetteDiscountCheckFilled size={14} aria-hidden />}
        {...props}
      >
        {t('metrics.agreement.agreed')}
      </Badge>
    );
  }
  const sides = agreement.waitingFor.map((s) => t(`side.${s}`)).join(t('metrics.agreement.and'));
  return (
    <Badge
      color="gray"
      variant="outline"
      radius="sm"
      leftSection={<IconHourglassHigh size={14} aria-hidden />}
      {...props}
    >
      {t('metrics.agreement.waitingFor', { sides })}
    </Badge>
  );
}

interface SlotProps {
  side: Side;
  agreement: AgreementView;
  onSign: ((side: Side) => void) | undefined;
  signing: boolean;
  compact: boolean;
}

function Slot({ side, agreement, onSign, signing, compact }: SlotProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const color = SIDE_COLOR[side];
  const signature = agreement[side];
  const refusal = agreement.mySignature[side];
  const sideName = t(`side.${side}`);
  return (
    <Paper
      component="section"
      aria-label={t('metrics.agreement.slot', { side: sideName })}
      data-side={side}
      data-state={signature ? 'signed' : 'waiting'}
      radius="md"
      p={compact ? 'xs' : 'sm'}
      withBorder
      style={{
        borderLeft: `4px solid var(--mantine-color-${color}-6)`,
        borderStyle: signature ? 'solid' : 'dashed',
        borderLeftStyle: 'solid',
        background: signature
          ? `light-dark(var(--mantine-color-${color}-0), color-mix(in srgb, var(--mantine-color-${color}-9) 22%, var(--mantine-color-dark-7)))`
          : undefined,
        minWidth: 0,
      }}
    >
      <Stack gap={compact ? 2 : 6}>
        {/* In a narrow card the state moves under the side's name instead of being cut. */}
        <Group gap={6} wrap="wrap" justify="space-between" style={{ rowGap: 2 }}>
          <Text
            size="xs"
            fw={700}
            tt="uppercase"
            c={`light-dark(var(--mantine-color-${color}-8), var(--mantine-color-${color}-3))`}
            style={{ letterSpacing: '0.04em' }}
          >
            {sideName}
          </Text>
          {signature ? (
            <Group gap={4} wrap="nowrap">
              <IconCircleCheckFilled
                size={16}
                color={`var(--mantine-color-${color}-6)`}
                aria-hidden
              />
              <Text
                size="xs"
                fw={600}
                c={`light-dark(var(--mantine-color-${color}-8), var(--mantine-color-${color}-3))`}
              >
                {t('metrics.agreement.signed')}
              </Text>
            </Group>
          ) : (
            <Group gap={4} wrap="nowrap">
              <IconHourglassHigh size={16} color="var(--mantine-color-dimmed)" aria-hidden />
              <Text size="xs" c="dimmed">
                {t('metrics.agreement.pending')}
              </Text>
            </Group>
          )}
        </Group>
        {signature ? (
          <Group gap={8} wrap="nowrap" align="center">
            {compact ? null : (
              // On a phone the name gets the room; the card's colour already says the side.
              <Box visibleFrom="xs" style={{ flexShrink: 0 }}>
                <PersonAvatar person={signature.person} size={28} />
              </Box>
            )}
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {signature.person.name}
              </Text>
              <Text size="xs" c="dimmed">
                <time dateTime={signature.signedAt} title={fmt.dateTime(signature.signedAt)}>
                  {t('metrics.agreement.signedOn', { date: fmt.date(signature.signedAt) })}
                </time>
              </Text>
            </Stack>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('metrics.agreement.waiting')}
          </Text>
        )}
        {onSign && !signature ? (
          refusal === null ? (
            <Button
              size="xs"
              color={color}
              leftSection={<IconSignature size={14} aria-hidden />}
              loading={signing}
              onClick={() => onSign(side)}
              w="fit-content"
            >
              {t('metrics.agreement.sign', { side: sideName })}
            </Button>
          ) : (
            <Stack gap={4}>
              <Button
                size="xs"
                variant="default"
                disabled
                leftSection={<IconSignature size={14} aria-hidden />}
                w="fit-content"
                aria-describedby={`sign-why-${side}`}
              >
                {t('metrics.agreement.sign', { side: sideName })}
              </Button>
              <Text size="xs" c="dimmed" id={`sign-why-${side}`}>
                {refusalText(side, refusal, t)}
              </Text>
            </Stack>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}

interface SignatureSlotsProps {
  agreement: AgreementView;
  /** Offers the Sign button where the signed-in person may sign; without it, read-only. */
  onSign?: (side: Side) => void;
  /** The side being signed right now. */
  signing?: Side | null;
  /** Smaller, for the metric cards. */
  compact?: boolean;
}

/**
 * The dual sign-off made visible: business left in teal, IT right in indigo, each either
 * "✓ signed by … on …" or "⏳ waiting".
 */
export function SignatureSlots({
  agreement,
  onSign,
  signing = null,
  compact = false,
}: SignatureSlotsProps) {
  return (
    <SimpleGrid cols={2} spacing="xs">
      {SIDES.map((side) => (
        <Slot
          key={side}
          side={side}
          agreement={agreement}
          onSign={onSign}
          signing={signing === side}
          compact={compact}
        />
      ))}
    </SimpleGrid>
  );
}
