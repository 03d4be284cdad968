import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters that live in the URL, so a filtered list is a link one can send. Changes replace
 * the history entry: back leaves the list rather than undoing each choice. An empty value
 * (and `false` for a toggle) removes the key; `parse` ignores unknown values.
 */
export function useUrlFilters<K extends string, F extends Partial<Record<K, unknown>>>(
  keys: readonly K[],
  parse: (params: URLSearchParams) => F,
) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parse(params), [parse, params]);

  const setFilter = useCallback(
    (key: K, value: string | null | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === null || value === undefined || value === '' || value === 'false') {
            next.delete(key);
          } else next.set(key, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const key of keys) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [keys, setParams]);

  const activeCount = keys.filter((k) => filters[k] !== undefined).length;
  return { params, setParams, filters, setFilter, clear, activeCount };
}
