import type { AgreementView, Metric, MetricDefinition } from '../../../contracts/metrics.js';

/** Test data: a metric as the API returns it. */
export const anna = {
  id: 'u-anna',
  name: 'Anna Becker',
  side: 'business',
  department: 'Vertrieb',
} as const;
export const lukas = {
  id: 'u-lukas',
  name: 'Lukas Fischer',
  side: 'it',
  department: 'IT',
} as const;

export function agreement(overrides: Partial<AgreementView> = {}): AgreementView {
  return {
    currentVersion: 1,
    agreed: false,
    business: null,
    it: null,
    waitingFor: ['business', 'it'],
    mySignature: {
      business: null,
      it: {
        code: 'wrong_side',
        message: 'You belong to the business side and can only sign for it',
      },
    },
    ...overrides,
  };
}

/** The definition of version 1: closed leads counted per week in Berlin. */
export function definition(overrides: Partial<MetricDefinition> = {}): MetricDefinition {
  return {
    name: 'Abgeschlossene Leads',
    description: 'Leads marked won in the CRM',
    dataSource: 'CRM export',
    unit: 'Leads',
    valueType: 'integer',
    minValue: 0,
    maxValue: null,
    direction: 'higher_is_better',
    aggregation: 'sum',
    period: 'week',
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

export function metric(overrides: Partial<Metric> = {}): Metric {
  return {
    id: 'm1',
    initiativeId: 'i1',
    definition: definition(),
    businessOwner: { ...anna },
    itOwner: { ...lukas },
    agreement: agreement(),
    latest: null,
    version: 3,
    updatedAt: '2026-11-20T10:00:00.000Z',
    versions: [],
    permissions: { edit: true, enterData: true, manageTokens: true },
    ...overrides,
  };
}
