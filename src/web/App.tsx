import { lazy, Suspense, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './api/client.js';
import { AppLayout } from './AppLayout.js';
import NotFoundPage from './components/NotFoundPage.js';
import { RouteFallback } from './components/RouteFallback.js';
import { meKey } from './queries/session.js';
import { RequireAdmin, RequireAuth } from './modules/auth/RequireAuth.js';

const LoginPage = lazy(() => import('./modules/auth/LoginPage.js'));
const AcceptInvitePage = lazy(() => import('./modules/auth/AcceptInvitePage.js'));
const InitiativesListPage = lazy(() => import('./modules/initiatives/InitiativesListPage.js'));
const InitiativeFormPage = lazy(() => import('./modules/initiatives/InitiativeFormPage.js'));
const InitiativePage = lazy(() => import('./modules/initiatives/InitiativePage.js'));
const MetricPage = lazy(() => import('./modules/metrics/MetricPage.js'));
const GoalsListPage = lazy(() => import('./modules/goals/GoalsListPage.js'));
const GoalPage = lazy(() => import('./modules/goals/GoalPage.js'));
const UsersPage = lazy(() => import('./modules/admin/UsersPage.js'));
const StagesPage = lazy(() => import('./modules/admin/StagesPage.js'));
const ProfilePage = lazy(() => import('./modules/profile/ProfilePage.js'));
const HandoffPage = lazy(() => import('./modules/handoffs/HandoffPage.js'));
const HandoffsWaitingPage = lazy(() => import('./modules/desk/WaitingPage.js'));
const PortfolioPage = lazy(() => import('./modules/health/PortfolioPage.js'));
const HealthThresholdsPage = lazy(() => import('./modules/health/HealthThresholdsPage.js'));
const HandoffsAttentionPage = lazy(() => import('./modules/handoffs/AttentionPage.js'));

/** A 401 from any request means the session ended: forget it and go to sign-in. */
function SessionWatcher() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (location.pathname === '/login') return;
      queryClient.setQueryData(meKey, null);
      void navigate('/login', { replace: true, state: { from: location, expired: true } });
    });
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient, navigate, location]);
  return null;
}

export function App() {
  return (
    <>
      <SessionWatcher />
      <Suspense fallback={<RouteFallback />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/invite/:token" element={<AcceptInvitePage />} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<Navigate to="/initiatives" replace />} />
            <Route path="initiatives" element={<InitiativesListPage />} />
            <Route path="initiatives/new" element={<InitiativeFormPage mode="create" />} />
            <Route path="initiatives/:id" element={<InitiativePage />} />
            <Route path="initiatives/:id/edit" element={<InitiativeFormPage mode="edit" />} />
            <Route path="metrics/:id" element={<MetricPage />} />
            <Route path="portfolio" element={<PortfolioPage />} />
            <Route path="goals" element={<GoalsListPage />} />
            <Route path="goals/:id" element={<GoalPage />} />
            <Route path="handoffs/mine" element={<HandoffsWaitingPage />} />
            <Route path="handoffs/attention" element={<HandoffsAttentionPage />} />
            <Route path="handoffs/:id" element={<HandoffPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="admin" element={<RequireAdmin />}>
              <Route index element={<Navigate to="/admin/users" replace />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="stages" element={<StagesPage />} />
              <Route path="health" element={<HealthThresholdsPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
