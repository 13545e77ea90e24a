/**
 * Every console page and where it lives. Each page is its own chunk (React.lazy), so the first
 * screen loads the shell and the queue only; the dashboard's charts and the admin pages load when
 * opened. The lead dashboard and admin entries are filled in pages/dashboard/ and pages/admin/.
 */
import { lazy, type ReactNode, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import type { Role } from '#shared/contracts/roles';
import { RequireSession } from './auth/auth';
import type { MessageKey } from './i18n/messages';
import { PageLoading } from './layout/page-loading';
import { Shell } from './layout/shell';

const QueuePage = lazy(() => import('./pages/queue/queue-page'));
const CasePage = lazy(() => import('./pages/cases/case-page'));
const SignInPage = lazy(() => import('./pages/sign-in/sign-in-page'));
const DevSignInPage = lazy(() => import('./pages/sign-in/dev-sign-in-page'));
const AuthCallbackPage = lazy(() => import('./pages/sign-in/auth-callback-page'));
const DashboardPage = lazy(() => import('./pages/dashboard/dashboard-page'));
const AdminPages = lazy(() => import('./pages/admin/admin-pages'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

const page = (element: ReactNode) => <Suspense fallback={<PageLoading />}>{element}</Suspense>;

export const consoleRoutes: RouteObject[] = [
  { path: '/sign-in', element: page(<SignInPage />) },
  { path: '/dev-sign-in', element: page(<DevSignInPage />) },
  { path: '/auth/callback', element: page(<AuthCallbackPage />) },
  {
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      { index: true, element: page(<QueuePage />) },
      { path: 'cases/:complaintId', element: page(<CasePage />) },
      { path: 'dashboard', element: page(<DashboardPage />) },
      { path: 'admin/*', element: page(<AdminPages />) },
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
];

export interface NavigationEntry {
  readonly href: string;
  readonly label: MessageKey;
  /** Who sees the entry; everyone when absent. */
  readonly roles?: readonly Role[];
  readonly children?: readonly NavigationEntry[];
}

/** The side navigation, by role. */
export const navigation: readonly NavigationEntry[] = [
  { href: '/', label: 'navQueue' },
  { href: '/dashboard', label: 'navDashboard', roles: ['lead', 'admin'] },
  {
    href: '/admin/campaigns',
    label: 'navAdmin',
    roles: ['admin'],
    children: [
      { href: '/admin/campaigns', label: 'navCampaigns' },
      { href: '/admin/preferences', label: 'navPreferences' },
      { href: '/admin/import', label: 'navImport' },
    ],
  },
];
