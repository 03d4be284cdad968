import type { DemoOverview } from '../../contracts/demos.js';
import type { Initiative } from '../../contracts/initiatives.js';
import type { Dialect } from '../db/dialect.js';
import { LONG_SESSIONS } from './env.js';
import { createTestApp, type TestApp, type TestUser } from './test-app.js';

/**
 * A small workspace where two people leave traces everywhere: owners of an initiative, a goal,
 * a handoff with a question, a held demo with votes and feedback, a calendar feed, a profile
 * change, and a text by someone else that names Erika.
 */
export async function privacyScenario(t: TestApp) {
  t.setClock(new Date('2026-11-26T10:00:00Z'));
  const admin = await t.user({ role: 'admin', name: 'Ada Admin' });
  const erika = await t.user({ side: 'business', name: 'Erika Muster-Qz', department: 'Sales' });
  const ian = await t.user({ side: 'it', name: 'Ian Itowner-Vx' });
  const carla = await t.user({ side: 'business', name: 'Carla Contrib-Wy' });
  const initiative: Initiative = await t.given.initiative({
    businessOwner: erika,
    itOwner: ian,
    members: [carla],
    title: 'Lead scoring',
    problem: 'Leads are scored by hand; Erika Mustermann-Qz knows the rules (erika’s list)',
  });
  await t.given.goal(initiative, {
    by: erika,
    statement: 'Fewer leads lost',
    businessResponsible: erika,
    itResponsible: ian,
  });
  await t.given.handoff(initiative, {
    by: erika,
    receiver: ian,
    toStage: null,
    note: `Questions to ${erika.email}`,
  });
  await t.given.cadence(initiative, erika, {
    startsOn: '2026-11-26',
    presenterId: ian.id,
    inviteeIds: [erika.id, carla.id],
  });
  await t.given.calendarFeed(erika);
  t.setClock(new Date('2026-11-26T15:00:00Z'));
  const overview = (
    await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}/demos`, user: erika })
  ).json<DemoOverview>();
  const occ = overview.past[0];
  if (!occ) throw new Error('no past demo');
  const held = await t.inject({
    method: 'POST',
    url: `/api/demos/${occ.id}/record`,
    user: erika,
    body: {
      version: occ.version,
      presenterId: ian.id,
      attendees: [
        { userId: erika.id, confidence: 5 },
        { userId: ian.id, confidence: 2 },
      ],
      notes: 'Erika Mustermann-Qz showed the prototype',
      feedback: [{ kind: 'praise', text: 'Scores look plausible', authorId: erika.id }],
    },
  });
  if (held.statusCode !== 200) throw new Error(held.body);
  // The admin corrects Erika's name: the audit trail keeps the old one and the new one.
  const patched = await t.inject({
    method: 'PATCH',
    url: `/api/users/${erika.id}`,
    user: admin,
    body: { name: 'Erika Mustermann-Qz', department: 'Sales & Marketing' },
  });
  if (patched.statusCode !== 200) throw new Error(patched.body);
  const names = { erika: ['Erika Muster-Qz', 'Erika Mustermann-Qz'], ian: ['Ian Itowner-Vx'] };
  return { admin, erika, ian, carla, initiative, demoId: occ.id, names };
}

export type PrivacyScenario = Awaited<ReturnType<typeof privacyScenario>>;

/** A fresh app with the privacy scenario in it; sessions outlive the clock moving a month. */
export async function createPrivacyApp(
  dialect: Dialect,
): Promise<{ t: TestApp; s: PrivacyScenario }> {
  const t = await createTestApp(dialect, LONG_SESSIONS);
  return { t, s: await privacyScenario(t) };
}
export type { TestUser };
