import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function RouteFallback() {
  const { t } = useTranslation();
  return (
    <Center mih={240}>
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}
