import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../contracts/auth.js';
import type { Language } from '../../contracts/common.js';
import { api } from '../api/client.js';
import { currentLanguage, LANGUAGES } from '../i18n/index.js';
import { meKey } from '../queries/session.js';

/**
 * Switches the UI language at once. When signed in, the choice is also stored in the profile
 * (PATCH /api/me) so it follows the person to other devices and into emails.
 */
export function useLanguageSwitch() {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const language = currentLanguage(i18n.resolvedLanguage ?? i18n.language);
  const setLanguage = async (next: Language) => {
    await i18n.changeLanguage(next);
    const me = queryClient.getQueryData<Me | null>(meKey);
    if (me && me.language !== next) {
      try {
        const updated = await api.patch<Me>('/me', { language: next });
        queryClient.setQueryData(meKey, updated);
      } catch {
        // The UI already switched; the profile keeps the old value until the next try.
      }
    }
  };
  return { language, setLanguage };
}

export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguageSwitch();
  return (
    <SegmentedControl
      aria-label={t('app.language')}
      size={size}
      value={language}
      onChange={(v) => void setLanguage(v as Language)}
      data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
    />
  );
}
