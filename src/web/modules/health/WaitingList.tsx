import { List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WaitingCount } from '../../../contracts/portfolio.js';

/** "3 goals wait for IT's signature", one line per kind and side (portfolio, status report). */
export function WaitingList({ waiting, testId }: { waiting: WaitingCount[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2} data-testid={testId}>
      {waiting.map((w) => (
        <List.Item key={`${w.kind}-${w.side}`}>
          {t(`portfolio.waiting.${w.kind}`, {
            count: w.count,
            side: t(`weekly.sides.${w.side}`),
            from: t(`portfolio.waitingFrom.${w.side}`),
          })}
        </List.Item>
      ))}
    </List>
  );
}
