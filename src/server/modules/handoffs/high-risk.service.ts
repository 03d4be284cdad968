import type {
  HighRiskChecklist,
  UpdateHighRiskChecklistBody,
} from '../../../contracts/handoffs.js';
import type { ChecklistItem } from '../../../contracts/stages.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { findSetting, saveSetting } from '../../db/settings.js';
import { entity, record } from '../audit/audit.service.js';
import { normaliseChecklist } from '../stages/stages.service.js';

const KEY = 'high_risk_checklist';

/**
 * What high-risk initiatives (EU AI Act) must show on every stage handoff, until an admin
 * changes it: the provider duties of Art. 9–15 in the words our users use.
 */
export const DEFAULT_HIGH_RISK_CHECKLIST: ChecklistItem[] = [
  {
    id: 'risk_management',
    labelEn: 'Risk management documented and updated for this stage',
    labelDe: 'Risikomanagement für diese Phase dokumentiert und aktualisiert',
  },
  {
    id: 'human_oversight',
    labelEn: 'Human oversight defined: who checks and can stop the system',
    labelDe: 'Menschliche Aufsicht festgelegt: wer prüft und das System stoppen kann',
  },
  {
    id: 'data_governance',
    labelEn: 'Training and test data checked for quality and bias',
    labelDe: 'Trainings- und Testdaten auf Qualität und Verzerrungen geprüft',
  },
];

export async function loadHighRiskChecklist(db: DbOrTrx): Promise<HighRiskChecklist> {
  const row = await findSetting(db, KEY);
  return row
    ? { items: JSON.parse(row.value) as ChecklistItem[], updatedAt: row.updated_at }
    : { items: DEFAULT_HIGH_RISK_CHECKLIST, updatedAt: null };
}

export async function updateHighRiskChecklist(
  ctx: AppContext,
  actor: Actor,
  body: UpdateHighRiskChecklistBody,
): Promise<HighRiskChecklist> {
  const now = ctx.now();
  const items = normaliseChecklist(body.items, 'items');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadHighRiskChecklist(trx);
    await saveSetting(trx, KEY, JSON.stringify(items), actor.id, now.toISOString());
    await record(
      trx,
      actor.id,
      now,
      entity('setting', KEY, null),
      'setting.high_risk_checklist_changed',
      { before: before.items, after: items },
    );
  });
  return loadHighRiskChecklist(ctx.db.kysely);
}
