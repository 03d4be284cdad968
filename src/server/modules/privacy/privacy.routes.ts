import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErasureResult,
  PersonalDataExport,
  PrivacySettings,
  ProcessingRecord,
  UpdatePrivacySettingsBody,
} from '../../../contracts/privacy.js';
import { requireAdmin, requireUser } from '../../http/security.js';
import { IdParams, problems } from '../../http/schemas.js';
import { erasePerson } from './erasure.service.js';
import { exportPersonalData } from './export.service.js';
import { processingRecord } from './record.service.js';
import { loadPrivacySettings, updatePrivacySettings } from './settings.service.js';

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const tags = ['privacy'];

  app.get(
    '/me/personal-data',
    {
      schema: {
        tags,
        summary: 'Everything Tandem holds about me (GDPR Art. 15); ?download=1 as a file',
        querystring: z.object({ download: z.string().optional() }),
        response: { 200: PersonalDataExport, ...problems(401) },
      },
    },
    async (req, reply) => {
      const me = requireUser(req);
      if (req.query.download !== undefined)
        void reply.header(
          'content-disposition',
          'attachment; filename="tandem-personal-data.json"',
        );
      return exportPersonalData(ctx, me.id);
    },
  );

  app.get(
    '/privacy/record',
    {
      schema: {
        tags,
        summary:
          'The record of processing: what personal data is stored, why, how long, who receives it',
        response: { 200: ProcessingRecord, ...problems(401) },
      },
    },
    async (req) => {
      requireUser(req);
      return processingRecord(ctx);
    },
  );

  app.get(
    '/admin/privacy',
    {
      schema: {
        tags: ['admin'],
        summary: 'Works-council mode and retention periods (admin)',
        response: { 200: PrivacySettings, ...problems(401, 403) },
      },
    },
    async (req) => {
      requireAdmin(req);
      return loadPrivacySettings(ctx.db.kysely);
    },
  );

  app.put(
    '/admin/privacy',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change works-council mode or retention periods (admin, audited)',
        body: UpdatePrivacySettingsBody,
        response: { 200: PrivacySettings, ...problems(400, 401, 403) },
      },
    },
    async (req) => updatePrivacySettings(ctx, requireAdmin(req), req.body),
  );

  app.post(
    '/admin/people/:id/erasure',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Erase a person: name and email replaced by a pseudonym everywhere, their work kept (admin)',
        params: IdParams,
        response: { 200: ErasureResult, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => erasePerson(ctx, requireAdmin(req), req.params.id),
  );
};
