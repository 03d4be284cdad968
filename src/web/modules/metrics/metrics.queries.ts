import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Side } from '../../../contracts/common.js';
import type {
  ApiToken,
  CreatedToken,
  CreateMeasurementBody,
  CreateMetricBody,
  ImportReport,
  Measurement,
  Metric,
  MetricSummary,
  Period,
  Series,
  UpdateMeasurementBody,
  UpdateMetricBody,
} from '../../../contracts/metrics.js';
import { api, withQuery } from '../../api/client.js';
import { initiativeKeys } from '../../queries/initiatives.js';

export const metricKeys = {
  all: ['metrics'] as const,
  list: (initiativeId: string) => ['metrics', 'list', initiativeId] as const,
  detail: (id: string) => ['metrics', 'detail', id] as const,
  series: (id: string, period: Period) => ['metrics', 'series', id, period] as const,
  seriesAll: (id: string) => ['metrics', 'series', id] as const,
  measurements: (id: string) => ['metrics', 'measurements', id] as const,
  tokens: (initiativeId: string) => ['metrics', 'tokens', initiativeId] as const,
};

export function useMetricsQuery(initiativeId: string) {
  return useQuery({
    queryKey: metricKeys.list(initiativeId),
    queryFn: ({ signal }) =>
      api.get<MetricSummary[]>(`/initiatives/${initiativeId}/metrics`, { signal }),
  });
}

export function useMetricQuery(id: string) {
  return useQuery({
    queryKey: metricKeys.detail(id),
    queryFn: ({ signal }) => api.get<Metric>(`/metrics/${id}`, { signal }),
  });
}

export function useSeriesQuery(id: string, period: Period) {
  return useQuery({
    queryKey: metricKeys.series(id, period),
    queryFn: ({ signal }) =>
      api.get<Series>(withQuery(`/metrics/${id}/series`, { period }), { signal }),
    // Switching the period keeps the old chart until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

export const MEASUREMENTS_PAGE = 100;

export function useMeasurementsQuery(id: string) {
  return useInfiniteQuery({
    queryKey: metricKeys.measurements(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Measurement[]>(
        withQuery(`/metrics/${id}/measurements`, { cursor: pageParam, limit: MEASUREMENTS_PAGE }),
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length < MEASUREMENTS_PAGE ? undefined : last.at(-1)?.id),
  });
}

/** The CSV download of the chart's series (a plain link: the browser saves it). */
export const seriesCsvUrl = (id: string, period: Period) =>
  withQuery(`/api/metrics/${id}/series.csv`, { period });

/** After a definition change or a signature: the metric, the initiative's list, its activity. */
function useStoreMetric() {
  const queryClient = useQueryClient();
  return (metric: Metric) => {
    queryClient.setQueryData(metricKeys.detail(metric.id), metric);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: metricKeys.list(metric.initiativeId) }),
      queryClient.invalidateQueries({ queryKey: metricKeys.seriesAll(metric.id) }),
      queryClient.invalidateQueries({ queryKey: initiativeKeys.activity(metric.initiativeId) }),
    ]);
  };
}

/** After values changed: chart, table, latest value on the cards, activity. */
function useRefreshData(metricId: string, initiativeId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: metricKeys.seriesAll(metricId) }),
      queryClient.invalidateQueries({ queryKey: metricKeys.measurements(metricId) }),
      queryClient.invalidateQueries({ queryKey: metricKeys.detail(metricId) }),
      queryClient.invalidateQueries({ queryKey: metricKeys.list(initiativeId) }),
      queryClient.invalidateQueries({ queryKey: initiativeKeys.activity(initiativeId) }),
    ]);
}

export function useCreateMetricMutation(initiativeId: string) {
  const store = useStoreMetric();
  return useMutation({
    mutationFn: (body: CreateMetricBody) =>
      api.post<Metric>(`/initiatives/${initiativeId}/metrics`, body),
    onSuccess: store,
  });
}

export function useUpdateMetricMutation(id: string) {
  const store = useStoreMetric();
  return useMutation({
    mutationFn: (body: UpdateMetricBody) => api.patch<Metric>(`/metrics/${id}`, body),
    onSuccess: store,
  });
}

export function useSignMetricMutation(id: string) {
  const store = useStoreMetric();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; side: Side }) =>
      api.post<Metric>(`/metrics/${id}/signatures`, body),
    onSuccess: store,
    // A newer version or someone else's signature came in meanwhile: show the current state.
    onError: () => queryClient.invalidateQueries({ queryKey: metricKeys.detail(id) }),
  });
}

export function useCreateMeasurementMutation(metricId: string, initiativeId: string) {
  const refresh = useRefreshData(metricId, initiativeId);
  return useMutation({
    mutationFn: (body: CreateMeasurementBody) =>
      api.post<Measurement>(`/metrics/${metricId}/measurements`, body),
    onSuccess: refresh,
  });
}

export function useUpdateMeasurementMutation(metricId: string, initiativeId: string) {
  const refresh = useRefreshData(metricId, initiativeId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMeasurementBody }) =>
      api.patch<void>(`/metrics/${metricId}/measurements/${id}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteMeasurementMutation(metricId: string, initiativeId: string) {
  const refresh = useRefreshData(metricId, initiativeId);
  return useMutation({
    mutationFn: (id: string) => api.delete(`/metrics/${metricId}/measurements/${id}`),
    onSuccess: refresh,
  });
}

export interface ImportOptions {
  file: File;
  dryRun: boolean;
  decimal?: ',' | '.' | undefined;
  dateOrder?: 'dmy' | 'mdy' | undefined;
  /** The columns to read, by header; null: no note or source column. */
  columns?: ImportColumns | undefined;
}

export type ImportColumns = ImportReport['detected']['mapping'];

/** Uploads the file as it is; a dry run only checks it and writes nothing. */
export function useImportMutation(metricId: string, initiativeId: string) {
  const refresh = useRefreshData(metricId, initiativeId);
  return useMutation({
    mutationFn: ({ file, dryRun, decimal, dateOrder, columns }: ImportOptions) =>
      api.postRaw<ImportReport>(
        `${withQuery(`/metrics/${metricId}/import`, {
          dryRun,
          decimal,
          dateOrder,
          timeColumn: columns?.at ?? undefined,
          valueColumn: columns?.value ?? undefined,
        })}${
          // "" (no column) must reach the server, which withQuery leaves out.
          columns
            ? `&${new URLSearchParams({
                noteColumn: columns.note ?? '',
                sourceColumn: columns.source ?? '',
              }).toString()}`
            : ''
        }`,
        file,
        'text/csv',
        { headers: { 'x-file-name': encodeURIComponent(file.name) } },
      ),
    onSuccess: (report) => (report.dryRun ? undefined : refresh()),
  });
}

export function useTokensQuery(initiativeId: string, enabled: boolean) {
  return useQuery({
    queryKey: metricKeys.tokens(initiativeId),
    queryFn: ({ signal }) => api.get<ApiToken[]>(`/initiatives/${initiativeId}/tokens`, { signal }),
    enabled,
  });
}

export function useCreateTokenMutation(initiativeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api.post<CreatedToken>(`/initiatives/${initiativeId}/tokens`, { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: metricKeys.tokens(initiativeId) }),
  });
}

export function useRevokeTokenMutation(initiativeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.delete(`/initiatives/${initiativeId}/tokens/${tokenId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: metricKeys.tokens(initiativeId) }),
  });
}
