import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewCalendarFeed } from '../../../contracts/demos.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Dialect } from '../../db/dialect.js';
import { testDialects } from '../../test-support/dialects.js';
import { createInitiative } from '../../test-support/scenario.js';
import { weeklyDemo } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';

const dialects = await testDialects();

// NAME (RFC 7986) and X-WR-CALNAME are TEXT: let ical.js unescape them like SUMMARY.
const design = ICAL.design.icalendar.property as Record<string, unknown>;
design.name = { defaultType: 'text' };
design['x-wr-calname'] = { defaultType: 'text' };

/** What a TEXT value should read back as: line breaks as LF, tabs kept, no other controls. */
// oxlint-disable-next-line no-control-regex -- the expectation is about control characters
const NON_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const expected = (v: string) => v.replace(/\r\n?/g, '\n').replace(NON_TEXT, '');

/** Text an attacker or an old database might hold: iCalendar syntax, line breaks, Unicode. */
const hostile = (dialect: Dialect) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '\r\n',
          '\n',
          '\r',
          ';',
          ',',
          '\\',
          ':',
          '"',
          '\t',
          '\u000b',
          '\u007f',
          '\u0085',
          'BEGIN:VEVENT',
          'END:VEVENT',
          'END:VCALENDAR',
          'URL:https://evil.example/login',
          'SUMMARY:Re-login required',
          'Prüfung',
          '😀',
          'ñ̃',
          '\u2028',
          ...(dialect === 'sqlite' ? ['\u0000'] : []), // PostgreSQL cannot store NUL at all
        ),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));

describe.each(dialects)('calendar feed escaping (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let itOwner: TestUser;
  let initiative: Initiative;
  let personal: NewCalendarFeed;
  let perInitiative: NewCalendarFeed;
  let cancelledId: string;
  let eventCount: number;

  const parse = async (path: string) => {
    const res = await t.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    const cal = new ICAL.Component(ICAL.parse(res.body));
    return { cal, events: cal.getAllSubcomponents('vevent'), raw: res.body };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-26T10:00:00Z'));
    biz = await t.user({ side: 'business', name: 'Bea' });
    itOwner = await t.user({ side: 'it', name: 'Ian' });
    initiative = await createInitiative(t, biz, itOwner);
    await t.given.cadence(initiative, biz, weeklyDemo(itOwner, [biz]));
    const post = (body: unknown) =>
      t.inject({ method: 'POST', url: '/api/calendar-feeds', user: biz, body });
    personal = (await post({})).json<NewCalendarFeed>();
    perInitiative = (await post({ initiativeId: initiative.id })).json<NewCalendarFeed>();
    eventCount = (await parse(personal.path)).events.length;
    expect(eventCount).toBeGreaterThan(5);
    const first = await t.db.kysely
      .selectFrom('demo_occurrences')
      .select('id')
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    cancelledId = first.id;
  });
  afterAll(async () => t?.close());

  it('the API refuses line breaks and control characters in titles, names and locations', async () => {
    const title = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${initiative.id}`,
      user: biz,
      body: { version: 1, title: 'X\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nURL:https://evil.example' },
    });
    expect(title.statusCode).toBe(400);
    expect(title.json()).toMatchObject({ errors: [{ pointer: '/body/title' }] });
    const name = await t.inject({
      method: 'PATCH',
      url: '/api/me',
      user: biz,
      body: { name: 'Bea\nEND:VCALENDAR' },
    });
    expect(name.statusCode).toBe(400);
    expect(name.json()).toMatchObject({ errors: [{ pointer: '/body/name' }] });
  });

  it('property: any stored text reads back exactly, as the expected events and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: hostile(dialect),
          name: hostile(dialect),
          location: hostile(dialect),
          reason: hostile(dialect),
        }),
        async (v) => {
          // Written behind the API's back: the feed must not trust what is stored.
          const db = t.db.kysely;
          await db
            .updateTable('initiatives')
            .set({ title: v.title })
            .where('id', '=', initiative.id)
            .execute();
          await db
            .updateTable('users')
            .set({ name: v.name })
            .where('id', 'in', [biz.id, itOwner.id])
            .execute();
          await db
            .updateTable('demo_cadences')
            .set({ location: v.location })
            .where('initiative_id', '=', initiative.id)
            .execute();
          await db
            .updateTable('demo_occurrences')
            .set({ state: 'cancelled', reason: v.reason })
            .where('id', '=', cancelledId)
            .execute();

          for (const [path, calendarName] of [
            [personal.path, `Tandem: ${v.name}`],
            [perInitiative.path, `Tandem: ${v.title}`],
          ] as const) {
            const { cal, events, raw } = await parse(path);
            expect(events).toHaveLength(eventCount);
            expect(cal.getFirstPropertyValue('name')).toBe(expected(calendarName));
            expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(expected(calendarName));
            expect(
              cal
                .getAllProperties()
                .map((p) => p.name)
                .sort(),
            ).toEqual(
              [
                'method',
                'name',
                'prodid',
                'refresh-interval',
                'version',
                'x-published-ttl',
                'x-wr-calname',
              ].sort(),
            );
            // Every line of the feed is a property or a fold, never text that broke out.
            for (const line of raw.split('\r\n').filter(Boolean))
              expect(line).toMatch(/^([A-Z-]+[;:]| )/);
            for (const e of events) {
              expect(e.getFirstPropertyValue('summary')).toBe(expected(`Demo: ${v.title}`));
              expect(e.getFirstPropertyValue('location') ?? '').toBe(expected(v.location));
              expect(e.getFirstPropertyValue('url')).toBeNull();
              const cancelled = e.getFirstPropertyValue('status') === 'CANCELLED';
              const description = [
                v.name ? `Presenter: ${v.name}` : '',
                cancelled && v.reason ? `Reason: ${v.reason}` : '',
              ]
                .filter(Boolean)
                .join('\n');
              expect(e.getFirstPropertyValue('description')).toBe(
                description ? expected(description) : null,
              );
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
