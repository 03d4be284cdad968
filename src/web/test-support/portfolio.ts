import type { PortfolioCell, PortfolioRow } from '../../contracts/portfolio.js';

/** A cell of the heat map as the API sends it: green, full score, nothing to fix. */
export const portfolioCell = (over: Partial<PortfolioCell> = {}): PortfolioCell => ({
  ampel: 'green',
  score: 100,
  applicable: true,
  reasons: 0,
  top: null,
  ...over,
});

type RowChanges = Partial<Omit<PortfolioRow, 'areas'>> & {
  /** Only the cells that differ from a green one. */
  areas?: Partial<PortfolioRow['areas']>;
};

/** A row of the portfolio: a limited-risk pilot of Sales (Bea and Ian), green throughout. */
export function portfolioRow(id: string, title: string, over: RowChanges = {}): PortfolioRow {
  const { areas, ...rest } = over;
  return {
    id,
    title,
    department: 'Sales',
    stage: { id: 's-pilot', key: 'pilot', name: { de: 'Pilotbetrieb', en: 'Pilot' }, position: 4 },
    riskClass: 'limited',
    businessOwner: { id: 'b', name: 'Bea' },
    itOwner: { id: 'i', name: 'Ian' },
    overall: { ampel: 'green', score: 100, weakest: [] },
    ...rest,
    areas: {
      goals: portfolioCell(),
      handoffs: portfolioCell(),
      demos: portfolioCell(),
      metrics: portfolioCell(),
      owners: portfolioCell(),
      ...areas,
    },
  };
}
