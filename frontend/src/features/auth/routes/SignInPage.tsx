import { Card, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';

import { restore } from '@/api/session';
import { FullPageSpin } from '@/components/FullPageSpin';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { PageTitle } from '@/components/PageTitle';
import { PATHS } from '@/config/paths';

import { useSession } from '../api/session';
import type { SignInRedirectState } from '../components/RequireAuth';
import { SignInForm } from '../components/SignInForm';

/** Where to go after signing in: back to the page that asked, never off the site. */
function returnPath(state: unknown): string {
  const from = (state as SignInRedirectState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')
    ? from
    : PATHS.home;
}

export function SignInPage() {
  const { t } = useTranslation();
  const { status, reason } = useSession();
  const location = useLocation();
  const target = returnPath(location.state);

  useEffect(() => {
    if (status === 'restoring') void restore();
  }, [status]);

  if (status === 'restoring') return <FullPageSpin label={t('auth.restoring')} />;
  if (status === 'signed_in') return <Navigate to={target} replace />;

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <div className="brand brand-light">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-city">{t('app.city')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main-content" className="sign-in-main">
        <Card className="sign-in-card">
          <Typography.Paragraph className="sign-in-system">{t('app.title')}</Typography.Paragraph>
          <PageTitle description={t('auth.signInIntro')}>{t('auth.signInTitle')}</PageTitle>
          <SignInForm reason={reason} />
          <Typography.Paragraph className="sign-in-public">
            <Link to={PATHS.public}>{t('public.signInLink')}</Link>
          </Typography.Paragraph>
        </Card>
      </main>
      <footer className="sign-in-footer">{t('app.owner')}</footer>
    </div>
  );
}
