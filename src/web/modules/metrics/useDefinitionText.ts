import { useTranslation } from 'react-i18next';
import type { MetricDefinition } from '../../../contracts/metrics.js';
import { useFormat } from '../../i18n/format.js';
import type { DefinitionField } from '../../../contracts/metrics.js';

/** Labels and readable values of definition fields, in the UI language. */
export function useDefinitionText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = (field: DefinitionField) => t(`metrics.field.${field}`);
  const value = <F extends DefinitionField>(field: F, v: MetricDefinition[F]): string => {
    switch (field) {
      case 'valueType':
        return t(`metrics.valueType.${v as MetricDefinition['valueType']}`);
      case 'direction':
        return t(`metrics.direction.${v as MetricDefinition['direction']}`);
      case 'aggregation':
        return t(`metrics.aggregation.${v as MetricDefinition['aggregation']}`);
      case 'period':
        return t(`metrics.period.${v as MetricDefinition['period']}`);
      case 'minValue':
      case 'maxValue':
        return v === null ? t('metrics.noLimit') : fmt.number(v as number);
      default:
        return String(v);
    }
  };
  return { label, value };
}
