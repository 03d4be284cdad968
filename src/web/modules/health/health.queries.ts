import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  HealthHistory,
  InitiativeHealth,
  PortfolioHistory,
} from '../../../contracts/collaboration-health.js';
import type { HealthThresholdSettings } from '../../../contracts/health-thresholds.js';
import type { PortfolioQuery } from '../../../contracts/portfolio.js';
import type { StatusReport } from '../../../contracts/status-report.js';
import type { WeeklyUpdates, WriteWeeklyUpdateBody } from '../../../contracts/weekly-updates.js';
import { api, withQuery } from '../../api/client.js';
import { useAfterFirstPaint } from '../../lib/useAfterFirstPaint.js';
import { portfolioQuery } from './portfolio-query.js';
import type { Language } from '../../../contracts/common.js';

export const healthKeys = {
  all: ['health'] as const,
  initiative: (id: string) => ['health', 'initiative', id] as const,
  history: (id: string) => ['health', 'history', id] as const,
  weekly: (id: string) => ['health', 'weekly', id] as const,
  portfolio: (q: PortfolioQuery) => portfolioQuery(q).queryKey,
  thresholds: ['health', 'thresholds'] as const,
};

export function useInitiativeHealthQuery(initiativeId: string) {
  return useQuery({
    queryKey: healthKeys.initiative(initiativeId),
    queryFn: ({ signal }) =>
      api.get<InitiativeHealth>(`/initiatives/${initiativeId}/health`, { signal }),
  });
}

export function useWeeklyUpdatesQuery(initiativeId: string) {
  return useQuery({
    queryKey: healthKeys.weekly(initiativeId),
    queryFn: ({ signal }) =>
      api.get<WeeklyUpdates>(`/initiatives/${initiativeId}/weekly-updates`, { signal }),
  });
}

/** Writing an update changes the owners' area of the health: both are reloaded. */
export function useWriteWeeklyUpdate(initiativeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WriteWeeklyUpdateBody) =>
      api.post<WeeklyUpdates>(`/initiatives/${initiativeId}/weekly-updates`, body),
    onSuccess: (data) => {
      queryClient.setQueryData(healthKeys.weekly(initiativeId), data);
      void queryClient.invalidateQueries({ queryKey: healthKeys.initiative(initiativeId) });
      void queryClient.invalidateQueries({ queryKey: healthKeys.history(initiativeId) });
      void queryClient.invalidateQueries({ queryKey: ['health', 'portfolio'] });
    },
  });
}

export function usePortfolioQuery(query: PortfolioQuery, lang: Language) {
  return useQuery(portfolioQuery(query, lang));
}

export function useThresholdsQuery() {
  return useQuery({
    queryKey: healthKeys.thresholds,
    queryFn: ({ signal }) =>
      api.get<HealthThresholdSettings>('/admin/health-thresholds', { signal }),
  });
}

export function useHealthHistoryQuery(initiativeId: string) {
  return useQuery({
    queryKey: healthKeys.history(initiativeId),
    queryFn: ({ signal }) =>
      api.get<HealthHistory>(`/initiatives/${initiativeId}/health/history`, { signal }),
  });
}

/**
 * The portfolio's 90-day trend for its filters (department, stage, owner, risk class: the
 * health filter and the sort order do not change it). It changes with the nightly snapshot.
 * Asked for once the page is first idle (useAfterFirstPaint): the page starts without it.
 */
export function usePortfolioHistoryQuery(query: PortfolioQuery) {
  const { department, stage, owner, riskClass } = query;
  const filters = { department, stage, owner, riskClass };
  const enabled = useAfterFirstPaint();
  return useQuery({
    enabled,
    queryKey: ['health', 'portfolio-history', filters] as const,
    queryFn: ({ signal }) =>
      api.get<PortfolioHistory>(withQuery('/portfolio/history', filters), { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The status report's data (both languages; the page picks the app's). */
export function useStatusReportQuery(query: PortfolioQuery) {
  return useQuery({
    queryKey: ['health', 'report', query] as const,
    queryFn: ({ signal }) =>
      api.get<StatusReport>(withQuery('/report/status', { ...query }), { signal }),
  });
}

/** A download link of the report (the browser follows it with the session cookie). */
export const statusReportHref = (query: PortfolioQuery, format: 'md' | 'csv', lang: 'de' | 'en') =>
  `/api${withQuery('/report/status', { ...query, format, lang })}`;
