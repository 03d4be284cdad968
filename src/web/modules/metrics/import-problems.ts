import type { TFunction } from 'i18next';
import type { ImportReport } from '../../../contracts/metrics.js';
import type { Formatters } from '../../i18n/format.js';

export type ImportProblem = ImportReport['problems'][number];

const COLUMN_NAMES = {
  timestamp: 'metrics.import.problem.columnName.timestamp',
  value: 'metrics.import.problem.columnName.value',
} as const;

const isKeyOf = <T extends object>(map: T, key: string): key is Extract<keyof T, string> =>
  Object.hasOwn(map, key);

/**
 * The problem in the user's language, from its code and parameters (codes of
 * src/domain/measurement-csv.ts): numbers per locale, column ids and the decimal separator
 * in words. Unknown codes show the server's English `reason`.
 */
export function importProblemMessage(
  t: TFunction,
  fmt: Pick<Formatters, 'locale' | 'number'>,
  problem: ImportProblem,
): string {
  const params = problem.params ?? {};
  const text = (name: string): string => {
    const v = params[name];
    return typeof v === 'number' ? fmt.number(v, { maximumFractionDigits: 20 }) : (v ?? '');
  };
  const value = text('value');
  switch (problem.code) {
    case 'not_csv':
      return t('metrics.import.problem.not_csv');
    case 'empty_file':
      return t('metrics.import.problem.empty_file');
    case 'missing_columns': {
      const names = String(params.columns ?? '')
        .split(',')
        .filter(Boolean)
        .map((id) => (isKeyOf(COLUMN_NAMES, id) ? t(COLUMN_NAMES[id]) : id));
      const columns = new Intl.ListFormat(fmt.locale, { type: 'conjunction' }).format(names);
      return t('metrics.import.problem.missing_columns', { columns });
    }
    case 'too_many_rows':
      return t('metrics.import.problem.too_many_rows', { rows: text('rows'), max: text('max') });
    case 'empty':
      return t('metrics.import.problem.empty');
    case 'invalid_date':
      return t('metrics.import.problem.invalid_date', { value });
    case 'unreadable_date':
      return t('metrics.import.problem.unreadable_date', { value });
    case 'invalid_hour_ampm':
      return t('metrics.import.problem.invalid_hour_ampm', { value });
    case 'dst_gap':
      return t('metrics.import.problem.dst_gap', { value, timeZone: text('timeZone') });
    case 'not_a_number': {
      const raw = text('decimal');
      const decimal =
        raw === ','
          ? t('metrics.import.problem.decimalName.comma')
          : raw === '.'
            ? t('metrics.import.problem.decimalName.point')
            : raw;
      return t('metrics.import.problem.not_a_number', { value, decimal });
    }
    case 'not_finite':
      return t('metrics.import.problem.not_finite');
    case 'too_large':
      return t('metrics.import.problem.too_large', { value });
    case 'not_integer':
      return t('metrics.import.problem.not_integer', { value });
    case 'below_min':
      return t('metrics.import.problem.below_min', { value, limit: text('limit') });
    case 'above_max':
      return t('metrics.import.problem.above_max', { value, limit: text('limit') });
    case 'too_long':
      return t('metrics.import.problem.too_long', { max: text('max') });
    case 'duplicate':
      return t('metrics.import.problem.duplicate', { firstLine: text('firstLine') });
    case 'out_of_window':
      return t('metrics.import.problem.out_of_window');
    case 'control_character':
      return t('metrics.import.problem.control_character');
    default:
      return problem.reason;
  }
}
