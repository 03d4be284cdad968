import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { isHydrating } from '../lib/hydration.js';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ColorSchemeToggle() {
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const stored = useComputedColorScheme('light', { getInitialValueInEffect: false });
  // Over a page drawn on the server (light there: it cannot know the stored choice) the first
  // render is the drawn one; the stored scheme right after.
  const [drawn, setDrawn] = useState(isHydrating);
  useEffect(() => setDrawn(false), []);
  const computed = drawn ? 'light' : stored;
  const label = computed === 'dark' ? t('app.colorScheme.toLight') : t('app.colorScheme.toDark');
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={label}
        onClick={() => setColorScheme(computed === 'dark' ? 'light' : 'dark')}
      >
        {computed === 'dark' ? (
          <IconSun size={18} aria-hidden />
        ) : (
          <IconMoon size={18} aria-hidden />
        )}
      </ActionIcon>
    </Tooltip>
  );
}
