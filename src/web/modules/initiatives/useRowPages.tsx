import { Button, Group, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';

/** Rows drawn at first and added per step: enough to fill two screens, quick to draw. */
export const ROW_PAGE = 50;

/**
 * The list draws its first rows at once and more as the reader scrolls towards the end (or
 * asks for them with the button, by keyboard), so a list of a thousand initiatives shows its
 * first rows as fast as one of a hundred. Sorting and filters still work on all rows.
 */
export function useRowPages<T>(rows: T[], resetKey: string, pageSize = ROW_PAGE) {
  const [limit, setLimit] = useState(pageSize);
  const [lastKey, setLastKey] = useState(resetKey);
  if (lastKey !== resetKey) {
    // Another sort order: start again at the top.
    setLastKey(resetKey);
    setLimit(pageSize);
  }
  const visible = rows.length > limit ? rows.slice(0, limit) : rows;
  const more = useCallback(() => setLimit((l) => l + pageSize), [pageSize]);
  return { visible, total: rows.length, more };
}

/** Below the list: how many are shown, a button for more, and the scroll trigger. */
export function MoreRows({
  shown,
  total,
  onMore,
}: {
  shown: number;
  total: number;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sentinel = useRef<HTMLDivElement>(null);
  const hasMore = shown < total;
  useEffect(() => {
    const el = sentinel.current;
    if (!hasMore || !el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onMore();
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, onMore, shown]);
  if (!hasMore) return null;
  return (
    <Group ref={sentinel} justify="center" gap="sm" py="sm" data-testid="more-rows">
      <Text size="sm" c="dimmed">
        {t('initiatives.shownOf', { shown: fmt.number(shown), total: fmt.number(total) })}
      </Text>
      <Button variant="default" size="xs" onClick={onMore}>
        {t('initiatives.showMore')}
      </Button>
    </Group>
  );
}
