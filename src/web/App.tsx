import { lazy, Suspense, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './api/client.js';
import { AppLayout } from './AppLayout.js';
import NotFoundPage from './components/NotFoundPage.js';
import { RouteFallback } from './components/RouteFallback.js';
import { meKey } from './queries/session.js';
import { RequireAdmin, RequireAuth } from './modules/auth/RequireAuth.js';
import { InitiativesListPage, PortfolioPage } from './preload.js';

const LoginPage = lazy(() => import('./modules/auth/LoginPage.js'));
const AcceptInvitePage = lazy(() => import('./modules/auth/AcceptInvitePage.js'));
const ForgotPasswordPage = lazy(() => import('./modules/auth/ForgotPasswordPage.js'));
const ResetPasswordPage = lazy(() => import('./modules/auth/ResetPasswordPage.js'));
const InitiativeFormPage = lazy(() => import('./modules/initiatives/InitiativeFormPage.js'));
const InitiativePage = lazy(() => import('./modules/initiatives/InitiativePage.js'));
const MetricPage = lazy(() => import('./modules/metrics/MetricPage.js'));
const GoalsListPage = lazy(() => import('./modules/goals/GoalsListPage.js'));
const GoalPage = lazy(() => import('./modules/goals/GoalPage.js'));
const UsersPage = lazy(() => import('./modules/admin/UsersPage.js'));
const StagesPage = lazy(() => import('./modules/admin/StagesPage.js'));
const AdminChannelsPage = lazy(() => import('./modules/channels/AdminChannelsPage.js'));
const ProfilePage = lazy(() => import('./modules/profile/ProfilePage.js'));
const PersonalDataPage = lazy(() => import('./modules/privacy/PersonalDataPage.js'));
const PrivacyRecordPage = lazy(() => import('./modules/privacy/PrivacyRecordPage.js'));
const PrivacyAdminPage = lazy(() => import('./modules/privacy/PrivacyAdminPage.js'));
const HandoffPage = lazy(() => import('./modules/handoffs/HandoffPage.js'));
const StatusReportPage = lazy(() => import('./modules/health/StatusReportPage.js'));
const DeskPage = lazy(() => import('./modules/desk/DeskPage.js'));
const HealthThresholdsPage = lazy(() => import('./modules/health/HealthThresholdsPage.js'));
const HandoffsAttentionPage = lazy(() => import('./modules/handoffs/AttentionPage.js'));
const InboxPage = lazy(() => import('./modules/conversation/InboxPage.js'));

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
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<DeskPage />} />
            <Route path="initiatives" element={<InitiativesListPage />} />
            <Route path="initiatives/new" element={<InitiativeFormPage mode="create" />} />
            <Route path="initiatives/:id" element={<InitiativePage />} />
            <Route path="initiatives/:id/edit" element={<InitiativeFormPage mode="edit" />} />
            <Route path="metrics/:id" element={<MetricPage />} />
            <Route path="portfolio" element={<PortfolioPage />} />
            <Route path="report" element={<StatusReportPage />} />
            <Route path="goals" element={<GoalsListPage />} />
            <Route path="goals/:id" element={<GoalPage />} />
            {/* The former "waiting for me" page is My desk now. */}
            <Route path="handoffs/mine" element={<Navigate to="/" replace />} />
            <Route path="handoffs/attention" element={<HandoffsAttentionPage />} />
            <Route path="handoffs/:id" element={<HandoffPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="profile/personal-data" element={<PersonalDataPage />} />
            <Route path="privacy" element={<PrivacyRecordPage />} />
            <Route path="admin" element={<RequireAdmin />}>
              <Route index element={<Navigate to="/admin/users" replace />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="stages" element={<StagesPage />} />
              <Route path="privacy" element={<PrivacyAdminPage />} />
              <Route path="health" element={<HealthThresholdsPage />} />
              <Route path="channels" element={<AdminChannelsPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
