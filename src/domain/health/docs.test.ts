/**
 * docs/HEALTH.md cannot drift from the code: its thresholds table, stage table and list of
 * reason codes are generated here and compared with the file. After changing a default, a
 * stage requirement or a text, regenerate them with
 *
 *   UPDATE_HEALTH_DOC=1 npx vitest run src/domain/health/docs.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeReason } from '../health-messages.js';
import { STAGE_REQUIREMENTS } from './stages.js';
import { SAMPLES } from './test-support/samples.js';
import { HEALTH_THRESHOLD_FIELDS, type ThresholdField } from './threshold-fields.js';
import { DEFAULT_HEALTH_THRESHOLDS } from './thresholds.js';
import { type HealthReason, REASON_AREAS, REASON_CODES } from './types.js';

const DOC = fileURLToPath(new URL('../../../docs/HEALTH.md', import.meta.url));

const UNIT: Record<ThresholdField['unit'], string> = {
  days: 'days',
  percent: '%',
  points: 'points',
  count: 'count',
  steps: 'steps',
  votes: 'vote points',
  periods: 'periods',
};

function thresholdsTable(): string {
  const rows = [
    '| Setting | Default | Unit | Allowed | Meaning (admin form label) |',
    '|---|---|---|---|---|',
  ];
  const defaults = DEFAULT_HEALTH_THRESHOLDS as Record<string, Record<string, number>>;
  for (const [group, fields] of Object.entries(HEALTH_THRESHOLD_FIELDS)) {
    for (const [key, f] of Object.entries(fields as Record<string, ThresholdField>)) {
      rows.push(
        `| \`${group}.${key}\` | ${defaults[group]?.[key]} | ${UNIT[f.unit]} | ${f.min}–${f.max} | ${f.labelEn} / ${f.labelDe} |`,
      );
    }
  }
  return rows.join('\n');
}

function stagesTable(): string {
  const rows = [
    '| Stage key | Goals | Metrics | Metric data | Demo cadence |',
    '|---|---|---|---|---|',
  ];
  for (const [key, r] of Object.entries(STAGE_REQUIREMENTS))
    rows.push(
      `| \`${key}\` | ${r.goals} | ${r.metrics} | ${r.metricData ? 'required' : '—'} | ${r.demoCadence} |`,
    );
  return rows.join('\n');
}

function codesTable(): string {
  const rows = ['| Code | Area | Example (en / de) |', '|---|---|---|'];
  for (const code of REASON_CODES) {
    const reason = {
      code,
      area: REASON_AREAS[code],
      deduction: 25,
      severity: 'amber',
      params: SAMPLES[code],
      link: { kind: 'area', area: 'goals' },
    } as HealthReason;
    const cell = (s: string) => s.replaceAll('|', '\\|');
    rows.push(
      `| \`${code}\` | ${REASON_AREAS[code]} | ${cell(describeReason(reason, 'en'))}<br>${cell(describeReason(reason, 'de'))} |`,
    );
  }
  return rows.join('\n');
}

const SECTIONS: Record<string, () => string> = {
  thresholds: thresholdsTable,
  stages: stagesTable,
  codes: codesTable,
};

function regenerate(doc: string): string {
  let out = doc;
  for (const [name, make] of Object.entries(SECTIONS)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    expect(re.test(out), `docs/HEALTH.md lacks the ${name} markers`).toBe(true);
    out = out.replace(re, (_, start: string, end: string) => `${start}\n${make()}\n${end}`);
  }
  return out;
}

/** The default of `group.key` or of a key unique across groups; undefined when unknown. */
function defaultOf(group: string | undefined, key: string): number | undefined {
  const defaults = DEFAULT_HEALTH_THRESHOLDS as Record<string, Record<string, number>>;
  if (group) return defaults[group]?.[key];
  const found = Object.values(defaults).filter((g) => key in g);
  return found.length === 1 ? found[0]?.[key] : undefined;
}

describe('docs/HEALTH.md', () => {
  it('shows the current thresholds, stage requirements and reason codes', () => {
    const doc = readFileSync(DOC, 'utf8');
    const expected = regenerate(doc);
    if (process.env.UPDATE_HEALTH_DOC === '1' && expected !== doc) writeFileSync(DOC, expected);
    else expect(doc).toBe(expected);
  });

  it('quotes every setting in its prose with its current default', () => {
    const doc = readFileSync(DOC, 'utf8');
    const mentions = [...doc.matchAll(/`(?:(\w+)\.)?(\w+)` \((\d+(?:\.\d+)?)\)/g)];
    expect(mentions.length).toBeGreaterThan(40);
    for (const [text, group, key = '', value] of mentions)
      expect(defaultOf(group, key), text).toBe(Number(value));
  });
});
