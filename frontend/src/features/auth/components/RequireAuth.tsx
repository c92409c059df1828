import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';

import { restore } from '@/api/session';
import { FullPageSpin } from '@/components/FullPageSpin';
import { PATHS } from '@/config/paths';

import { useSession } from '../api/session';

export interface SignInRedirectState {
  from?: string;
}

/** Renders its children for a signed-in user; otherwise sends them to sign in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status, reason } = useSession();
  const location = useLocation();

  useEffect(() => {
    if (status === 'restoring') void restore();
  }, [status]);

  if (status === 'restoring') return <FullPageSpin label={t('auth.restoring')} />;
  if (status === 'signed_out') {
    const from = `${location.pathname}${location.search}${location.hash}`;
    const state: SignInRedirectState = reason === 'signed_out' ? {} : { from };
    return <Navigate to={PATHS.signIn} replace state={state} />;
  }
  return children;
}
