import { Layout } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { SkipLink } from '@/components/SkipLink';
import { PATHS, publicMethodologyPath, publicResultsPath } from '@/config/paths';

import { idParam } from '@/lib/params';
import '../public.css';

/** The frame of the public pages (no account): site title, results and methodology, language, sign-in. */
export default function PublicLayout() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // Moving between results and methodology keeps the round being read.
  const round = idParam(params.get('round'));
  return (
    <Layout className="app-shell public-shell">
      <SkipLink />
      <Layout.Header className="app-header public-header">
        <Link to={PATHS.public} className="brand">
          <span className="brand-name public-brand-name">{t('public.siteTitle')}</span>
          <span className="brand-city">{t('app.owner')}</span>
        </Link>
        <nav aria-label={t('public.navLabel')} className="public-nav">
          <NavLink to={publicResultsPath({ round })} end className="public-nav-link">
            {t('public.navResults')}
          </NavLink>
          <NavLink to={publicMethodologyPath(round)} className="public-nav-link">
            {t('public.navMethodology')}
          </NavLink>
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          <Link to="/sign-in" className="public-nav-link">
            {t('public.signIn')}
          </Link>
        </div>
      </Layout.Header>
      <Layout.Content id="main-content" tabIndex={-1} className="app-content public-content">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('public.footer')}</Layout.Footer>
    </Layout>
  );
}
