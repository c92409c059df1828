import { Outlet, createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PATHS, PATTERNS } from '@/config/paths';
import {
  ADMIN_ROLES,
  ASSESSMENT_READER_ROLES,
  CITY_WIDE_ROLES,
  IMPORT_ROLES,
  PROPOSAL_ROLES,
  PUBLISHER_ROLES,
  REVIEWER_ROLES,
  UNIT_ROLES,
} from '@/config/roles';
import { RequireAuth, RequireRole, SignInPage } from '@/features/auth';

import { AppLayout } from './AppLayout';
import { NotFoundPage } from './routes/NotFoundPage';
import { RouteErrorPage } from './routes/RouteErrorPage';

// Pages behind sign-in load on demand, so the first download is the shell and the sign-in form.
const homePage = () =>
  import('@/features/home/routes/HomePage').then((m) => ({ Component: m.default }));
const frameworkPage = () =>
  import('@/features/frameworks/routes/FrameworkPage').then((m) => ({ Component: m.default }));
const whatIfPage = () =>
  import('@/features/whatif/routes/WhatIfPage').then((m) => ({ Component: m.default }));
const proposalsPage = () =>
  import('@/features/proposals/routes/ProposalsPage').then((m) => ({ Component: m.default }));
const frameworkEditorPage = () =>
  import('@/features/frameworks/editor/routes/FrameworkEditorPage').then((m) => ({
    Component: m.default,
  }));
const newFrameworkPage = () =>
  import('@/features/frameworks/editor/routes/NewFrameworkPage').then((m) => ({
    Component: m.default,
  }));
const frameworkDiffPage = () =>
  import('@/features/frameworks/editor/routes/FrameworkDiffPage').then((m) => ({
    Component: m.default,
  }));
const unitsPage = () =>
  import('@/features/units/routes/UnitsPage').then((m) => ({ Component: m.default }));
const reviewQueuePage = () =>
  import('@/features/review/routes/ReviewQueuePage').then((m) => ({ Component: m.default }));
const progressPage = () =>
  import('@/features/progress/routes/ProgressPage').then((m) => ({ Component: m.default }));
const dashboardPage = () =>
  import('@/features/dashboard/routes/DashboardPage').then((m) => ({ Component: m.default }));
const importsPage = () =>
  import('@/features/imports/routes/ImportsPage').then((m) => ({ Component: m.default }));
const assessmentPage = () =>
  import('@/features/assessment/routes/AssessmentPage').then((m) => ({ Component: m.default }));
const resultsPage = () =>
  import('@/features/feedback/routes/ResultsPage').then((m) => ({ Component: m.default }));
const feedbackPage = () =>
  import('@/features/feedback/routes/FeedbackPage').then((m) => ({ Component: m.default }));
const unitPage = () =>
  import('@/features/units/routes/UnitPage').then((m) => ({ Component: m.default }));
const unitAdminLayout = () =>
  import('@/features/units/routes/UnitAdminLayout').then((m) => ({ Component: m.default }));
const unitAdminListPage = () =>
  import('@/features/units/routes/UnitAdminListPage').then((m) => ({ Component: m.default }));
const unitGroupsPage = () =>
  import('@/features/units/routes/UnitGroupsPage').then((m) => ({ Component: m.default }));
const reorganisePage = () =>
  import('@/features/units/routes/ReorganisePage').then((m) => ({ Component: m.default }));
const unitImportPage = () =>
  import('@/features/units/routes/UnitImportPage').then((m) => ({ Component: m.default }));
const runResultsPage = () =>
  import('@/features/rankings/routes/RunResultsPage').then((m) => ({ Component: m.default }));
const publishPage = () =>
  import('@/features/publish/routes/PublishPage').then((m) => ({ Component: m.default }));
const roundsAdminPage = () =>
  import('@/features/admin-rounds/routes/RoundsAdminPage').then((m) => ({ Component: m.default }));
const createRoundPage = () =>
  import('@/features/admin-rounds/routes/CreateRoundPage').then((m) => ({ Component: m.default }));
const roundSettingsPage = () =>
  import('@/features/admin-rounds/routes/RoundSettingsPage').then((m) => ({
    Component: m.default,
  }));
const apiClientsPage = () =>
  import('@/features/api-clients/routes/ClientsPage').then((m) => ({ Component: m.default }));
const apiClientFormPage = () =>
  import('@/features/api-clients/routes/ClientFormPage').then((m) => ({ Component: m.default }));
const auditPage = () =>
  import('@/features/audit/routes/AuditPage').then((m) => ({ Component: m.default }));
const usersPage = () =>
  import('@/features/users/routes/UsersPage').then((m) => ({ Component: m.default }));
const frameworkImportPage = () =>
  import('@/features/frameworks/excel/FrameworkImportPage').then((m) => ({
    Component: m.default,
  }));
const userImportPage = () =>
  import('@/features/users/routes/UserImportPage').then((m) => ({ Component: m.default }));
const operatorSettingsPage = () =>
  import('@/features/operator/routes/OperatorSettingsPage').then((m) => ({
    Component: m.default,
  }));
const profilePage = () =>
  import('@/features/auth/routes/ProfilePage').then((m) => ({ Component: m.default }));
const changePasswordPage = () =>
  import('@/features/auth/routes/ChangePasswordPage').then((m) => ({ Component: m.default }));
const helpPage = () =>
  import('@/features/help/routes/HelpPage').then((m) => ({ Component: m.default }));
const helpPrintPage = () =>
  import('@/features/help/routes/HelpPrintPage').then((m) => ({ Component: m.default }));
const helpContactPage = () =>
  import('@/features/help/routes/ContactSettingsPage').then((m) => ({ Component: m.default }));

// The public results (no account) load on demand too, with their charts.
const publicLayout = () =>
  import('@/features/public/routes/PublicLayout').then((m) => ({ Component: m.default }));
const publicResultsPage = () =>
  import('@/features/public/routes/PublicResultsPage').then((m) => ({ Component: m.default }));
const publicUnitPage = () =>
  import('@/features/public/routes/PublicUnitPage').then((m) => ({ Component: m.default }));
const publicMethodologyPage = () =>
  import('@/features/public/routes/PublicMethodologyPage').then((m) => ({ Component: m.default }));

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { path: PATHS.signIn, element: <SignInPage /> },
      {
        // A temporary password is changed before anything else, outside the app's frame.
        path: PATHS.changePassword,
        element: (
          <RequireAuth passwordChange>
            <Outlet />
          </RequireAuth>
        ),
        children: [{ index: true, lazy: changePasswordPage }],
      },
      {
        // The whole guide on one page, for printing (and the PDF), outside the app's frame.
        path: PATHS.helpPrint,
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        children: [{ index: true, lazy: helpPrintPage }],
      },
      {
        // Published results for anyone, outside RequireAuth.
        path: PATHS.public,
        lazy: publicLayout,
        children: [
          { index: true, lazy: publicResultsPage },
          { path: PATTERNS.publicUnit, lazy: publicUnitPage },
          { path: PATTERNS.publicMethodology, lazy: publicMethodologyPage },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        path: PATHS.home,
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, lazy: homePage },
          { path: PATHS.frameworks, lazy: frameworkPage },
          { path: PATHS.profile, lazy: profilePage },
          { path: PATHS.help, lazy: helpPage },
          {
            element: <RequireRole roles={ADMIN_ROLES} />,
            children: [
              { path: PATHS.users, lazy: usersPage },
              { path: PATHS.userImport, lazy: userImportPage },
              { path: PATHS.frameworkImport, lazy: frameworkImportPage },
            ],
          },
          { path: PATTERNS.framework, lazy: frameworkPage },
          {
            element: <RequireRole roles={REVIEWER_ROLES} />,
            children: [{ path: PATHS.whatIf, lazy: whatIfPage }],
          },
          {
            // The framework editor: new drafts, a draft's editor (admin); any two versions compared.
            element: <RequireRole roles={ADMIN_ROLES} />,
            children: [
              { path: PATTERNS.frameworkNew, lazy: newFrameworkPage },
              { path: PATTERNS.frameworkEdit, lazy: frameworkEditorPage },
            ],
          },
          {
            element: <RequireRole roles={CITY_WIDE_ROLES} />,
            children: [{ path: PATTERNS.frameworkCompare, lazy: frameworkDiffPage }],
          },
          {
            element: <RequireRole roles={CITY_WIDE_ROLES} />,
            children: [
              { path: PATHS.units, lazy: unitsPage },
              { path: PATTERNS.unit, lazy: unitPage },
            ],
          },
          {
            element: <RequireRole roles={['admin']} />,
            children: [
              {
                path: PATHS.unitAdmin,
                lazy: unitAdminLayout,
                children: [
                  { index: true, lazy: unitAdminListPage },
                  { path: 'groups', lazy: unitGroupsPage },
                  { path: 'reorganise', lazy: reorganisePage },
                  { path: 'import', lazy: unitImportPage },
                ],
              },
            ],
          },
          {
            element: <RequireRole roles={CITY_WIDE_ROLES} />,
            children: [{ path: PATHS.progress, lazy: progressPage }],
          },
          {
            // The results overview: progress and published results, for those who decide.
            element: <RequireRole roles={CITY_WIDE_ROLES} />,
            children: [{ path: PATHS.dashboard, lazy: dashboardPage }],
          },
          {
            element: <RequireRole roles={PROPOSAL_ROLES} />,
            children: [{ path: PATHS.proposals, lazy: proposalsPage }],
          },
          {
            element: <RequireRole roles={UNIT_ROLES} />,
            children: [{ path: PATHS.assessment, lazy: assessmentPage }],
          },
          {
            element: <RequireRole roles={UNIT_ROLES} />,
            children: [{ path: PATHS.results, lazy: resultsPage }],
          },
          {
            element: <RequireRole roles={REVIEWER_ROLES} />,
            children: [{ path: PATHS.review, lazy: reviewQueuePage }],
          },
          {
            element: <RequireRole roles={REVIEWER_ROLES} />,
            children: [{ path: PATHS.feedback, lazy: feedbackPage }],
          },
          {
            element: <RequireRole roles={REVIEWER_ROLES} />,
            children: [
              { path: PATHS.publish, lazy: publishPage },
              { path: PATTERNS.runResults, lazy: runResultsPage },
            ],
          },
          {
            // Every DIC role lists rounds there, to make and manage practice rounds (vòng tập huấn).
            element: <RequireRole roles={REVIEWER_ROLES} />,
            children: [{ path: PATHS.roundSetup, lazy: roundsAdminPage }],
          },
          {
            element: <RequireRole roles={PUBLISHER_ROLES} />,
            children: [
              { path: PATTERNS.roundCreate, lazy: createRoundPage },
              { path: PATTERNS.roundSettings, lazy: roundSettingsPage },
            ],
          },
          {
            element: <RequireRole roles={IMPORT_ROLES} />,
            children: [{ path: PATHS.imports, lazy: importsPage }],
          },
          {
            // DIC reads any unit's assessment; a unit's staff reach their own (the API checks which).
            element: <RequireRole roles={[...ASSESSMENT_READER_ROLES, ...UNIT_ROLES]} />,
            children: [{ path: PATTERNS.unitAssessment, lazy: assessmentPage }],
          },
          {
            element: <RequireRole roles={ADMIN_ROLES} />,
            children: [
              { path: PATHS.apiClients, lazy: apiClientsPage },
              { path: PATHS.apiClientNew, lazy: apiClientFormPage },
              { path: PATTERNS.apiClient, lazy: apiClientFormPage },
              { path: PATHS.audit, lazy: auditPage },
              { path: PATHS.helpContact, lazy: helpContactPage },
              { path: PATHS.operatorSettings, lazy: operatorSettingsPage },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
