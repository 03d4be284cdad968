import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createQueryClient } from './api/queryClient.js';
import { LocalizedDates } from './components/LocalizedDates.js';
import { theme } from './theme.js';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'tandem-color-scheme' });

/** Everything a page needs around it: theme, dates in the UI language, notifications, server state. */
export function Providers({
  children,
  queryClient,
  env = 'default',
}: {
  children: React.ReactNode;
  queryClient?: QueryClient;
  /** 'test' turns off transitions and portals (unit tests). */
  env?: 'default' | 'test';
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <MantineProvider
        theme={theme}
        defaultColorScheme="auto"
        colorSchemeManager={colorSchemeManager}
        env={env}
      >
        <LocalizedDates>
          <Notifications position="bottom-right" limit={3} />
          {children}
        </LocalizedDates>
      </MantineProvider>
    </QueryClientProvider>
  );
}
