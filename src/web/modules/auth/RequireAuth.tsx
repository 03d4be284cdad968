import { Center, Container } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { RouteFallback } from '../../components/RouteFallback.js';
import NotFoundPage from '../../components/NotFoundPage.js';
import { useMeQuery } from '../../queries/session.js';

/** Renders its children only for a signed-in person; everyone else goes to sign-in. */
export function RequireAuth({ children }: { children: React.ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <RouteFallback />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <Center>
          <ProblemAlert error={me.error} onReload={() => void me.refetch()} />
        </Center>
      </Container>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location }} />;
  return <>{children}</>;
}

/** Admin pages: others see "not found" rather than a page they cannot use. */
export function RequireAdmin() {
  const me = useMeQuery();
  if (me.data?.role !== 'admin') return <NotFoundPage />;
  return <Outlet />;
}
