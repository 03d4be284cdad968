import { Button } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from './EmptyState.js';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<IconMapOff aria-hidden />}
      title={t('app.notFound.title')}
      text={t('app.notFound.text')}
      action={
        <Button component={Link} to="/initiatives">
          {t('app.notFound.action')}
        </Button>
      }
    />
  );
}
