import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StatusReport, StatusReportQuery } from '../../../contracts/status-report.js';
import { problems } from '../../http/schemas.js';
import { requireUser } from '../../http/security.js';
import { reportFileDay } from '../../../domain/report-day.js';
import {
  attachment,
  statusReportCsv,
  statusReportFilename,
  statusReportMarkdown,
  statusReportOf,
} from './status-report.service.js';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/report/status',
    {
      schema: {
        tags: ['health'],
        summary:
          'The status report for the steering committee: the portfolio and per initiative its Ampel, reasons and the owners’ latest view, as data, Markdown or CSV (with the portfolio’s filters)',
        querystring: StatusReportQuery,
        response: { 200: z.union([StatusReport, z.string()]), ...problems(400, 401) },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const { lang = 'en', format = 'json', ...query } = req.query;
      const report = await statusReportOf(ctx, actor, query, ctx.now());
      if (format === 'json') return report;
      const name = statusReportFilename(lang, reportFileDay(report.computedAt), format);
      reply
        .header('content-disposition', attachment(name))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff');
      if (format === 'md')
        return reply
          .header('content-type', 'text/markdown; charset=utf-8')
          .send(statusReportMarkdown(report, lang));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .send(statusReportCsv(report, lang));
    },
  );
};
