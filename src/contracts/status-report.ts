/**
 * The status report for the steering committee (issue 10 item 7): the portfolio and, per
 * initiative, the overall Ampel and score, each pillar's Ampel, every reason (both languages)
 * and both owners' latest weekly view. GET /api/report/status (json, md or csv).
 */
import { z } from 'zod';
import { LANGUAGES } from '../domain/people.js';
import { Portfolio, PortfolioQuery, PortfolioRow } from './portfolio.js';
import { WeeklyUpdate } from './weekly-updates.js';
import { HealthArea } from './collaboration-health.js';

const Localized = z.object({ de: z.string(), en: z.string() });

export const StatusReportInitiative = z.object({
  row: PortfolioRow,
  reasons: z.array(z.object({ area: HealthArea, text: Localized, href: z.string() })),
  latest: z.object({ business: WeeklyUpdate.nullable(), it: WeeklyUpdate.nullable() }),
});
export type StatusReportInitiative = z.infer<typeof StatusReportInitiative>;

export const StatusReport = z
  .object({
    computedAt: z.string(),
    totals: Portfolio.shape.totals,
    waiting: Portfolio.shape.waiting,
    initiatives: z.array(StatusReportInitiative),
  })
  .meta({ id: 'StatusReport' });
export type StatusReport = z.infer<typeof StatusReport>;

export const StatusReportQuery = PortfolioQuery.extend({
  lang: z.enum(LANGUAGES).optional().describe('language of md and csv (default en)'),
  format: z.enum(['json', 'md', 'csv']).optional().describe('default json'),
});
export type StatusReportQuery = z.infer<typeof StatusReportQuery>;
