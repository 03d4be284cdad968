/** Metrics as one person sees them: definition, agreement, latest value, what they may do. */
import type { Metric, MetricDefinition, MetricSummary } from '../../../contracts/metrics.js';
import { canEdit, canManage, type MemberRole, type Visibility } from '../../../domain/access.js';
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import {
  agreementView,
  loadVersions,
  presentVersions,
  signerOf,
  type VersionRow,
} from '../agreements/agreements.service.js';
import { latestValues, type MetricRow } from './metrics.repository.js';
import { ownersOf } from '../people/people.service.js';

export const definitionOf = (r: MetricRow): MetricDefinition => ({
  name: r.name,
  description: r.description,
  dataSource: r.data_source,
  unit: r.unit,
  valueType: r.value_type,
  minValue: r.min_value,
  maxValue: r.max_value,
  direction: r.direction,
  aggregation: r.aggregation,
  period: r.period,
  timeZone: r.time_zone,
});

export interface Access {
  facts: {
    visibility: Visibility;
    memberRole: MemberRole | undefined;
  };
}

export function present(
  actor: Actor,
  r: MetricRow,
  versions: VersionRow<MetricDefinition>[],
  latest: { day: string; value: number; at: number } | undefined,
  access: Access,
): MetricSummary {
  const signer = signerOf(actor, access.facts.memberRole);
  return {
    id: r.id,
    initiativeId: r.initiative_id,
    definition: definitionOf(r),
    ...ownersOf(r),
    agreement: agreementView(versions, r.definition_version, signer),
    latest: latest
      ? { day: latest.day, value: latest.value, at: new Date(latest.at).toISOString() }
      : null,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function presentFull(
  db: DbOrTrx,
  actor: Actor,
  r: MetricRow,
  access: Access,
): Promise<Metric> {
  const versions = (await loadVersions<MetricDefinition>(db, 'metric', [r.id])).get(r.id) ?? [];
  const latest = (await latestValues(db, [r.id])).get(r.id);
  const edit = canEdit(actor, access.facts);
  return {
    ...present(actor, r, versions, latest, access),
    versions: presentVersions(versions),
    permissions: { edit, enterData: edit, manageTokens: canManage(actor, access.facts) },
  };
}
