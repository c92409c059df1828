import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';

import { useMe, useSignOut } from '../api/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

/**
 * After signing in with a temporary password: nothing else is open (the API refuses it) until the
 * user sets a password of their own. Outside the app's frame, whose parts would all be refused.
 */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data.must_change_password) return <Navigate to={PATHS.home} replace />;

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
          <PageTitle description={t('profile.forcedIntro')}>{t('profile.forcedTitle')}</PageTitle>
          <Typography.Paragraph>
            {t('adminUsers.username')}: <strong>{me.data.username}</strong>
          </Typography.Paragraph>
          <ChangePasswordForm
            forced
            onChanged={() => void navigate(PATHS.home, { replace: true })}
          />
          <Button type="link" className="sign-out-link" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </Button>
        </Card>
      </main>
      <footer className="sign-in-footer">{t('app.owner')}</footer>
    </div>
  );
}
