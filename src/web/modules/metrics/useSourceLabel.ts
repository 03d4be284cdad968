import { useTranslation } from 'react-i18next';
import type { SourceKind } from './metric-format.js';

/** Where a value came from, in words: "By hand", "CSV import", "Machine: CRM export". */
export function useSourceLabel(): (source: SourceKind) => string {
  const { t } = useTranslation();
  return (source) => {
    switch (source.kind) {
      case 'manual':
        return t('metrics.data.source.manual');
      case 'csv':
        return t('metrics.data.source.csv');
      case 'api':
        return t('metrics.data.source.api', { name: source.name });
      case 'other':
        return source.name;
    }
  };
}
