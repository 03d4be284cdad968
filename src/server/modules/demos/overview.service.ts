import type { DemoOverview } from '../../../contracts/demos.js';
import { canEdit } from '../../../domain/access.js';
import {
  ADHERENCE_WINDOW_DAYS,
  adherence,
  addDays,
  confidenceSummary,
} from '../../../domain/cadence.js';
import type { Actor, AppContext } from '../../context.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { personRefs } from '../people/people.service.js';
import { ensureOccurrences } from './schedule.service.js';
import { findCadence } from './demos.repository.js';
import {
  feedbackOf,
  parseJson,
  presentCadence,
  presentOccurrence,
  today,
} from './demos.presenter.js';
import { minVotesForAverage } from '../privacy/settings.service.js';

export async function getOverview(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
): Promise<DemoOverview> {
  const db = ctx.db.kysely;
  const now = ctx.now();
  const { facts } = await loadReadable(db, actor, initiativeId);
  const minVotes = await minVotesForAverage(db);
  const cadence = await findCadence(db, initiativeId);
  if (cadence) await ensureOccurrences(db, cadence, now);
  const tz = cadence?.time_zone ?? 'Europe/Berlin';
  const day = today(now, tz);
  const rows = await db
    .selectFrom('demo_occurrences')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .orderBy('starts_at')
    .execute();
  const votes = await db
    .selectFrom('demo_attendees as a')
    .innerJoin('demo_occurrences as o', 'o.id', 'a.occurrence_id')
    .select(['a.occurrence_id', 'a.side', 'a.confidence'])
    .where('o.initiative_id', '=', initiativeId)
    .where('a.confidence', 'is not', null)
    .execute();
  const people = await personRefs(
    db,
    cadence ? [cadence.presenter_id, ...parseJson<string[]>(cadence.invitee_ids)] : [],
  );
  const nowIso = now.toISOString();
  const windowStart = addDays(day, -ADHERENCE_WINDOW_DAYS);
  const presented = rows.map((r) => presentOccurrence(r, tz));
  return {
    initiativeId,
    cadence: cadence ? presentCadence(cadence, people) : null,
    upcoming: presented.filter((o) => o.endsAt >= nowIso),
    past: presented
      .filter((o) => o.endsAt < nowIso && o.localDate >= windowStart)
      .reverse()
      .map((o) => {
        const v = votes
          .filter((x) => x.occurrence_id === o.id)
          .map((x) => ({ side: x.side, confidence: x.confidence ?? 0 }));
        return { ...o, confidence: o.state === 'held' ? confidenceSummary(v, minVotes) : null };
      }),
    openActions: await feedbackOf(db, { initiativeId, openActions: true }, day),
    adherence: {
      windowDays: ADHERENCE_WINDOW_DAYS,
      ...adherence(
        presented.map((o) => ({ state: o.state, day: o.localDate })),
        day,
      ),
    },
    permissions: { edit: canEdit(actor, facts) },
  };
}
