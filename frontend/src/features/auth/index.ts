export { useMe, useSession, useSignOut } from './api/session';
export { RequireAuth } from './components/RequireAuth';
export { RequireRole } from './components/RequireRole';
export { CITY_WIDE_ROLES, UNIT_ROLES, hasAnyRole } from './roles';
export { SignInPage } from './routes/SignInPage';
