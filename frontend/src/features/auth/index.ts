export { useMe, useSession, useSignOut } from './api/session';
export { RequireAuth } from './components/RequireAuth';
export { RequireRole } from './components/RequireRole';
export { SignInPage } from './routes/SignInPage';
