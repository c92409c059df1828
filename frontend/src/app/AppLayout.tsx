import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { SkipLink } from '@/components/SkipLink';
import { PATHS } from '@/config/paths';
import { hasAnyRole } from '@/config/roles';
import { useMe, useSignOut } from '@/features/auth';
import { NotificationBell } from '@/features/notifications';
import { RoundSelector, SelectedRoundProvider } from '@/features/rounds';

import { NAV_ITEMS, activeNavKey } from './navigation';

/** The signed-in frame: city and app name, round selector, notifications, language, user; menu by role; page. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const signOut = useSignOut();

  const items = NAV_ITEMS.filter((item) => me.data && hasAnyRole(me.data, item.roles)).map(
    (item) => ({
      key: item.path,
      icon: item.icon,
      label: <Link to={item.path}>{t(item.labelKey)}</Link>,
    }),
  );

  return (
    <SelectedRoundProvider>
      <Layout className="app-shell">
        <SkipLink />
        <Layout.Header className="app-header">
          <Link to={PATHS.home} className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-city">{t('app.city')}</span>
          </Link>
          <div className="header-tools">
            <RoundSelector />
            <NotificationBell />
            <LanguageSwitch />
            <Space size="small" className="header-user">
              <Link
                to={PATHS.profile}
                className="header-user-name"
                aria-label={t('profile.menu', { name: me.data?.full_name ?? '' })}
              >
                <UserOutlined aria-hidden /> {me.data?.full_name ?? ''}
              </Link>
              <Button
                size="small"
                icon={<LogoutOutlined aria-hidden />}
                onClick={() => void signOut()}
              >
                {t('auth.signOut')}
              </Button>
            </Space>
          </div>
        </Layout.Header>
        <Layout hasSider>
          <Layout.Sider
            className="app-sider"
            width={220}
            breakpoint="lg"
            collapsedWidth={0}
            theme="light"
          >
            <nav aria-label={t('nav.label')}>
              <Menu mode="inline" selectedKeys={[activeNavKey(location.pathname)]} items={items} />
            </nav>
          </Layout.Sider>
          <Layout>
            <Layout.Content id="main-content" tabIndex={-1} className="app-content">
              <Suspense fallback={<FullPageSpin />}>
                <Outlet />
              </Suspense>
            </Layout.Content>
            <Layout.Footer className="app-footer">{t('app.owner')}</Layout.Footer>
          </Layout>
        </Layout>
      </Layout>
    </SelectedRoundProvider>
  );
}
