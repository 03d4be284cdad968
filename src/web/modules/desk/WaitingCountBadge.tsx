import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useWaitingCount } from './desk.queries.js';

/** Next to "My desk" in the navigation: how many things wait for me. */
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
