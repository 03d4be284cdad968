import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment, NotificationList } from '../../../contracts/conversation.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('comments, mentions and the inbox (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser; // business owner
  let ian: TestUser; // IT owner
  let cleo: TestUser; // contributor
  let outsider: TestUser; // not on the team of the members-only initiative
  let admin: TestUser;
  let viewer: TestUser;
  let secret: Initiative;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    bea = await t.user({ side: 'business', name: 'Bea Berger' });
    ian = await t.user({ side: 'it', name: 'Ian Ito' });
    cleo = await t.user({ side: 'it', name: 'Cleo Chen' });
    outsider = await t.user({ side: 'business', name: 'Otto Outside' });
    admin = await t.user({ side: 'it', role: 'admin', name: 'Ada Admin' });
    viewer = await t.user({ side: 'business', role: 'viewer', name: 'Vera Viewer' });
    secret = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      visibility: 'members',
      stage: 'specification',
      members: [cleo],
    });
  });
  afterAll(async () => t?.close());

  const comment = (user: TestUser, body: unknown, type = 'initiative', id = secret.id) =>
    t.inject({ method: 'POST', url: `/api/comments/${type}/${id}`, user, body });
  const inbox = async (user: TestUser) =>
    (await t.inject({ method: 'GET', url: '/api/notifications', user })).json<NotificationList>();

  it('stores Markdown, lists it to readers, hides it from others', async () => {
    const res = await comment(bea, { body: '**Hello** team' });
    expect(res.statusCode).toBe(201);
    const created = res.json<Comment>();
    expect(created).toMatchObject({ body: '**Hello** team', canEdit: true, canDelete: true });
    const list = await t.inject({
      method: 'GET',
      url: `/api/comments/initiative/${secret.id}`,
      user: cleo,
    });
    expect(list.json<Comment[]>().map((c) => c.body)).toContain('**Hello** team');
    const hidden = await t.inject({
      method: 'GET',
      url: `/api/comments/initiative/${secret.id}`,
      user: outsider,
    });
    expect(hidden.statusCode).toBe(404);
    expect((await comment(outsider, { body: 'let me in' })).statusCode).toBe(404);
    expect((await comment(viewer, { body: 'only reading' })).statusCode).toBe(403);
    expect((await comment(bea, { body: '   ' })).statusCode).toBe(400);
    expect(
      (await comment(bea, { body: 'x' }, 'goal', '00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
  });

  it('refuses to mention someone who may not read the item, naming the person', async () => {
    const before = await t.count('comments');
    const res = await comment(bea, { body: 'Hi @Otto Outside', mentions: [outsider.id] });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ errors: { pointer: string; code: string; message: string }[] }>();
    expect(problem.errors[0]).toMatchObject({ pointer: '/body/mentions/0', code: 'cannot_read' });
    expect(problem.errors[0]?.message).toContain('Otto Outside');
    expect(await t.count('comments')).toBe(before);
  });

  it('notifies the person mentioned once, in the inbox, with a link to the item', async () => {
    const handoff = await t.given.submittedHandoff(secret, {
      by: bea,
      receiver: ian,
      toStage: 'build',
      title: 'Specification handoff',
    });
    await t.app.background.drainOutbox();
    const forIan = await inbox(ian);
    expect(forIan.items.map((n) => n.kind)).toContain('handoff_to_receive');

    const res = await comment(
      ian,
      { body: 'Please look at section 3, @Cleo Chen', mentions: [cleo.id] },
      'handoff',
      handoff.id,
    );
    expect(res.statusCode).toBe(201);
    const created = res.json<Comment>();
    expect(created.mentions.map((p) => p.name)).toEqual(['Cleo Chen']);
    // Nothing before the outbox runs: notifications are subscribers, not calls.
    expect((await inbox(cleo)).items).toHaveLength(0);
    await t.app.background.drainOutbox();
    const forCleo = await inbox(cleo);
    expect(forCleo.unread).toBe(1);
    expect(forCleo.items[0]).toMatchObject({
      kind: 'mention',
      title: 'Specification handoff',
      link: `/handoffs/${handoff.id}#comment-${created.id}`,
      actor: { name: 'Ian Ito' },
      readAt: null,
    });
    expect(forCleo.items[0]?.excerpt).toContain('section 3');

    // A redelivered event (an admin's retry, a crash) never notifies twice.
    await t.db.kysely
      .updateTable('event_deliveries')
      .set({ status: 'pending', finished_at: null })
      .where('subscriber', '=', 'notifications.inbox')
      .execute();
    await t.app.background.drainOutbox();
    expect((await inbox(cleo)).items).toHaveLength(1);

    // Editing notifies only people newly mentioned.
    const edited = await t.inject({
      method: 'PATCH',
      url: `/api/comments/${created.id}`,
      user: ian,
      body: {
        version: created.version,
        body: 'Section 3, @Cleo Chen and @Bea Berger',
        mentions: [cleo.id, bea.id],
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Comment>().revisions).toMatchObject([
      { body: 'Please look at section 3, @Cleo Chen', replacedBy: { name: 'Ian Ito' } },
    ]);
    await t.app.background.drainOutbox();
    expect((await inbox(cleo)).items).toHaveLength(1);
    expect((await inbox(bea)).items.filter((n) => n.kind === 'mention')).toHaveLength(1);

    // Mark read, then all read.
    const id = forCleo.items[0]?.id ?? '';
    expect(
      (await t.inject({ method: 'POST', url: `/api/notifications/${id}/read`, user: cleo }))
        .statusCode,
    ).toBe(204);
    expect((await inbox(cleo)).unread).toBe(0);
    expect(
      (await t.inject({ method: 'POST', url: `/api/notifications/${id}/read`, user: bea }))
        .statusCode,
    ).toBe(404);
    await t.inject({ method: 'POST', url: '/api/notifications/read-all', user: bea });
    const unread = await t.inject({ method: 'GET', url: '/api/notifications/unread', user: bea });
    expect(unread.json()).toEqual({ unread: 0 });

    const feed = await t.activity(secret, bea);
    expect(feed.map((e) => e.action)).toEqual(
      expect.arrayContaining(['comment.created', 'comment.edited']),
    );
  });

  it('lets only the author edit, the author or an admin delete; deleted keeps its place', async () => {
    const created = (await comment(cleo, { body: 'Draft thought' })).json<Comment>();
    const patch = (user: TestUser, version: number) =>
      t.inject({
        method: 'PATCH',
        url: `/api/comments/${created.id}`,
        user,
        body: { version, body: 'Changed' },
      });
    expect((await patch(bea, created.version)).statusCode).toBe(403);
    expect((await patch(cleo, created.version + 5)).statusCode).toBe(409);
    expect(
      (await t.inject({ method: 'DELETE', url: `/api/comments/${created.id}`, user: bea }))
        .statusCode,
    ).toBe(403);
    const deleted = await t.inject({
      method: 'DELETE',
      url: `/api/comments/${created.id}`,
      user: admin,
    });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json<Comment>()).toMatchObject({ body: '', canEdit: false });
    expect(deleted.json<Comment>().deletedAt).not.toBeNull();
    expect((await patch(cleo, deleted.json<Comment>().version)).statusCode).toBe(409);
  });

  it('offers readers only as people to mention', async () => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/comments/initiative/${secret.id}/people`,
      user: bea,
    });
    const names = res.json<{ name: string }[]>().map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Bea Berger', 'Cleo Chen', 'Ada Admin']));
    expect(names).not.toContain('Otto Outside');
    const percent = await t.inject({
      method: 'GET',
      url: `/api/comments/initiative/${secret.id}/people?q=%25`,
      user: bea,
    });
    expect(percent.json()).toEqual([]);
  });

  it('keeps preferences per kind: off means no notification', async () => {
    const prefs = await t.inject({
      method: 'GET',
      url: '/api/notifications/preferences',
      user: cleo,
    });
    expect(prefs.json()).toMatchObject({ emailAvailable: false, channels: { mention: 'email' } });
    const put = await t.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      user: cleo,
      body: { channels: { mention: 'off' } },
    });
    expect(put.json()).toMatchObject({ channels: { mention: 'off', goal_achieved: 'inbox' } });
    const bad = await t.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      user: cleo,
      body: { channels: { mention: 'pigeon' } },
    });
    expect(bad.statusCode).toBe(400);
    const before = (await inbox(cleo)).items.length;
    await comment(bea, { body: 'Again @Cleo Chen', mentions: [cleo.id] });
    await t.app.background.drainOutbox();
    expect((await inbox(cleo)).items.length).toBe(before);
  });
});
