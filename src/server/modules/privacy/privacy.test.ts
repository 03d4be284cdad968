import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PersonalDataExport,
  PrivacySettings,
  ProcessingRecord,
} from '../../../contracts/privacy.js';
import { DEFAULT_RETENTION_DAYS } from '../../../domain/privacy.js';
import { testDialects } from '../../test-support/dialects.js';
import { createPrivacyApp, type PrivacyScenario } from '../../test-support/privacy-scenario.js';
import type { TestApp } from '../../test-support/test-app.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { PERSONAL_DATA } from './personal-data.js';
import { configuredProcessors } from './record.service.js';
import { cleanUpPersonalData } from './retention.service.js';
import { parseConfig } from '../../config.js';
import { registeredJobs } from '../../events/registry.js';

const dialects = await testDialects();

describe('which processors receive data', () => {
  it('mail with SMTP configured, single sign-on with OIDC, webhooks once a channel exists', () => {
    const plain = parseConfig({});
    expect(configuredProcessors(plain, false)).toEqual({
      smtp: false,
      webhooks: false,
      sso: false,
    });
    const full = parseConfig({
      SMTP_HOST: 'mail.example.com',
      SMTP_FROM: 'Tandem <tandem@example.com>',
      OIDC_ISSUER: 'https://login.example.com',
      OIDC_CLIENT_ID: 'tandem',
      OIDC_CLIENT_SECRET: 'secret',
    });
    expect(configuredProcessors(full, true)).toEqual({ smtp: true, webhooks: true, sso: true });
  });
});

describe.each(dialects)('personal data, settings and the record (%s)', (dialect) => {
  let t: TestApp;
  let s: PrivacyScenario;
  beforeAll(async () => {
    ({ t, s } = await createPrivacyApp(dialect));
  });
  afterAll(() => t.close());

  it('the export holds the person’s data and nobody else’s', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/me/personal-data', user: s.erika });
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json<PersonalDataExport>();
    expect(data.person).toEqual({
      id: s.erika.id,
      name: 'Erika Mustermann-Qz',
      email: s.erika.email,
    });
    const tables = data.sections.map((x) => x.table);
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'initiatives',
        'goals',
        'handoffs',
        'demo_attendees',
        'demo_feedback',
        'calendar_feeds',
        'audit_events',
      ]),
    );
    const text = JSON.stringify(data);
    expect(text).toContain('Erika Muster-Qz'); // her old name, in the audit of her account
    for (const other of [s.ian, s.carla, s.admin]) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.email);
    }
    for (const name of [...s.names.ian, 'Carla Contrib-Wy', 'Ada Admin'])
      expect(text).not.toContain(name);
    // No secrets, not even hashed.
    expect(text).not.toMatch(/password_hash|token_hash|id_hash/);
    const votes = data.sections.find((x) => x.table === 'demo_attendees')?.rows;
    expect(votes).toEqual([expect.objectContaining({ user_id: s.erika.id, confidence: 5 })]);
  });

  it('downloads as a file', async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/api/me/personal-data?download=1',
      user: s.carla,
    });
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.json<PersonalDataExport>().person.id).toBe(s.carla.id);
  });

  it('the record of processing lists every registry kind, its retention and processors', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/privacy/record', user: s.carla });
    expect(res.statusCode).toBe(200);
    const record = res.json<ProcessingRecord>();
    const kinds = new Set(PERSONAL_DATA.map((e) => e.kind));
    expect(new Set(record.entries.map((e) => e.kind))).toEqual(new Set([...kinds, 'audit_detail']));
    const stored = record.entries.flatMap((e) => e.stored.map((x) => x.table));
    for (const e of PERSONAL_DATA) expect(stored).toContain(e.table);
    expect(record.entries.find((e) => e.kind === 'sessions')?.retentionDays).toBe(
      DEFAULT_RETENTION_DAYS.sessions,
    );
    expect(record.processors.map((p) => [p.id, p.configured])).toEqual([
      ['smtp', false],
      ['webhooks', false],
      ['sso', false],
    ]);
  });

  it('admins change works-council mode and retention; audited; bad input changes nothing', async () => {
    const put = (body: unknown, user = s.admin) =>
      t.inject({ method: 'PUT', url: '/api/admin/privacy', user, body });
    expect((await put({ worksCouncilMode: true }, s.carla)).statusCode).toBe(403);
    expect((await put({ retentionDays: { sessions: 0 } })).statusCode).toBe(400);
    expect((await put({ retentionDays: { nonsense: 3 } })).statusCode).toBe(400);
    const before = await t.count('audit_events');
    const res = await put({ worksCouncilMode: true, retentionDays: { sessions: 14 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PrivacySettings>()).toMatchObject({
      worksCouncilMode: true,
      retentionDays: { sessions: 14, login_attempts: 1 },
    });
    expect(await t.count('audit_events')).toBe(before + 2);
    const actions = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'setting.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'setting.retention_changed',
      'setting.works_council_changed',
    ]);
    const record = (
      await t.inject({ method: 'GET', url: '/api/privacy/record', user: s.carla })
    ).json<ProcessingRecord>();
    expect(record.worksCouncilMode).toBe(true);
    expect(record.entries.find((e) => e.kind === 'sessions')?.retentionDays).toBe(14);
    await put({ worksCouncilMode: false });
  });

  it('the daily clean-up removes what is past its period and redacts old audit detail', async () => {
    const k = t.db.kysely;
    await k
      .insertInto('login_throttle')
      .values({
        key: 'ip:192.0.2.1',
        failures: 3,
        window_started_at: '2026-01-01T00:00:00.000Z',
        blocked_until: null,
      })
      .execute();
    const sessions = await t.count('sessions');
    const later = new Date('2030-01-01T00:00:00Z'); // past every period
    const result = await cleanUpPersonalData(t.app.ctx, later);
    expect(result.deleted.login_throttle).toBeGreaterThan(0);
    expect(result.deleted.sessions).toBe(sessions);
    expect(result.redactedAuditEvents).toBeGreaterThan(0);
    const detailed = await k
      .selectFrom('audit_events')
      .select('id')
      .where('action', '!=', 'audit.redacted')
      .where('occurred_at', '<', '2029-01-01')
      .where((eb) => eb.or([eb('before', 'is not', null), eb('after', 'is not', null)]))
      .execute();
    expect(detailed).toEqual([]);
    expect((await verifyAuditChain(k)).ok).toBe(true);
    // Idempotent: nothing left to do.
    expect((await cleanUpPersonalData(t.app.ctx, later)).redactedAuditEvents).toBe(0);
  });

  it('handled deliveries stay as long as the configured retention, in both daily jobs', async () => {
    const k = t.db.kysely;
    // A fresh admin each time: the clean-up runs years later and ends every session.
    const put = async (days: number | null) =>
      t.inject({
        method: 'PUT',
        url: '/api/admin/privacy',
        user: await t.user({ role: 'admin', side: 'it' }),
        body: { retentionDays: { event_deliveries: days } },
      });
    expect((await put(30)).statusCode).toBe(200);
    // An event handled 10 days before "now", as the outbox leaves it.
    const now = new Date('2031-06-01T12:00:00.000Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    const eventId = '01900000-0000-7000-8000-00000000e001';
    await k
      .insertInto('domain_events')
      .values({
        id: eventId,
        stream: 'test:retention',
        seq: 1,
        type: 'test.retention',
        occurred_at: daysAgo(10),
        actor_id: null,
        initiative_id: null,
        entity_type: 'test',
        entity_id: 'retention',
        data: null,
      })
      .execute();
    await k
      .insertInto('event_deliveries')
      .values({
        event_id: eventId,
        subscriber: 'test.retention',
        stream: 'test:retention',
        seq: 1,
        status: 'done',
        attempts: 1,
        available_at: null,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: daysAgo(10),
        finished_at: daysAgo(10),
      })
      .execute();
    const kept = async () =>
      (
        await k
          .selectFrom('event_deliveries')
          .select('event_id')
          .where('event_id', '=', eventId)
          .execute()
      ).length +
      (await k.selectFrom('domain_events').select('id').where('id', '=', eventId).execute()).length;
    // The outbox's own prune, as registered at start-up, and the privacy clean-up.
    const prune = registeredJobs().find((j) => j.name === 'events.prune');
    expect(prune).toBeDefined();
    const runPrune = (at: Date) =>
      prune!.run(t.app.ctx, { now: at, scheduledFor: at, signal: new AbortController().signal });
    await runPrune(now);
    await cleanUpPersonalData(t.app.ctx, now);
    expect(await kept()).toBe(2); // 10 days < 30: a 7-day prune would have removed it
    // Kept as long as the workspace: neither job removes it, however late.
    expect((await put(null)).statusCode).toBe(200);
    const muchLater = new Date(now.getTime() + 3650 * 86_400_000);
    await runPrune(muchLater);
    await cleanUpPersonalData(t.app.ctx, muchLater);
    expect(await kept()).toBe(2);
    // Past the configured period: the prune removes delivery and event.
    expect((await put(9)).statusCode).toBe(200);
    await runPrune(now);
    expect(await kept()).toBe(0);
    expect((await put(DEFAULT_RETENTION_DAYS.event_deliveries)).statusCode).toBe(200);
  });

  it('the daily clean-up removes expired single sign-on flows, not running ones', async () => {
    const k = t.db.kysely;
    const now = new Date('2031-06-01T12:00:00.000Z');
    const flow = (state: string, expiresInMs: number) => ({
      state_hash: state,
      nonce: `nonce-${state}`,
      code_verifier: `verifier-${state}`,
      created_at: new Date(now.getTime() + expiresInMs - 600_000).toISOString(),
      expires_at: new Date(now.getTime() + expiresInMs).toISOString(),
    });
    await k
      .insertInto('oidc_flows')
      .values([
        flow('expired-long-ago', -86_400_000),
        flow('expired', -1),
        flow('running', 300_000),
      ])
      .execute();
    const result = await cleanUpPersonalData(t.app.ctx, now);
    expect(result.deleted.oidc_flows).toBe(2);
    const left = await k.selectFrom('oidc_flows').select('state_hash').execute();
    expect(left.map((f) => f.state_hash)).toEqual(['running']);
    await k.deleteFrom('oidc_flows').execute();
  });

  it('runs as a daily job on the scheduler', async () => {
    await t.app.background.runDueJobs(new Date('2026-11-28T04:00:00Z'));
    const job = await t.db.kysely
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('name', '=', 'privacy.clean_up')
      .executeTakeFirst();
    expect(job).toBeDefined();
  });
});
