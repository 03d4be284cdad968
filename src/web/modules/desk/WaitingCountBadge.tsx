import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useWaitingCount } from './desk.queries.js';

/** Next to "Waiting for me" in the navigation: goals I can sign plus handoffs waiting for me. */
export function WaitingCountBadge() {
  const { t } = useTranslation();
  const count = useWaitingCount();
  if (!count) return null;
  return (
    <>
      <Badge size="sm" variant="filled" color="blue" circle={count < 10} aria-hidden>
        {count}
      </Badge>
      <VisuallyHidden>{t('desk.navCount', { count })}</VisuallyHidden>
    </>
  );
}
