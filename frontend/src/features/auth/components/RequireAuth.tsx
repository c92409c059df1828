import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';

import { restore } from '@/api/session';
import { FullPageSpin } from '@/components/FullPageSpin';
import { PATHS } from '@/config/paths';

import { useMe, useSession } from '../api/session';

export interface SignInRedirectState {
  from?: string;
}

/**
 * Renders its children for a signed-in user; otherwise sends them to sign in and back. A user
 * signed in with a temporary password goes to change it first (the API refuses everything else),
 * except on that page itself (`passwordChange`).
 */
export function RequireAuth({
  children,
  passwordChange = false,
}: {
  children: ReactNode;
  passwordChange?: boolean;
}) {
  const { t } = useTranslation();
  const { status, reason } = useSession();
  const location = useLocation();
  const me = useMe();

  useEffect(() => {
    if (status === 'restoring') void restore();
  }, [status]);

  if (status === 'restoring') return <FullPageSpin label={t('auth.restoring')} />;
  if (status === 'signed_out') {
    const from = `${location.pathname}${location.search}${location.hash}`;
    const state: SignInRedirectState = reason === 'signed_out' ? {} : { from };
    return <Navigate to={PATHS.signIn} replace state={state} />;
  }
  // Not waited for: the pages start loading beside it (what they ask meanwhile is refused, 403).
  if (!passwordChange && me.data?.must_change_password) {
    return <Navigate to={PATHS.changePassword} replace />;
  }
  return children;
}
