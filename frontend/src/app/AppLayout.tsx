import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatch } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { SkipLink } from '@/components/SkipLink';
import { PATHS, PATTERNS } from '@/config/paths';
import { hasAnyRole } from '@/config/roles';
import { useMe, useSignOut } from '@/features/auth';
import { FirstRunTour, HelpButton } from '@/features/help';
import { NotificationBell } from '@/features/notifications';
import {
  PracticeBanner,
  RoundSelector,
  SelectedRoundProvider,
  useSelectedRound,
} from '@/features/rounds';

import type { NavItem } from './navigation';
import { NAV_ITEMS, activeNavKey, navEntries, navGroupOf } from './navigation';

/** The signed-in frame: city and app name, round selector, notifications, language, user; menu by role; page. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const signOut = useSignOut();

  const activeKey = activeNavKey(location.pathname);
  const activeGroup = navGroupOf(activeKey);

  // The submenu of the page shown is open (its entry highlighted in view); others as the user left
  // them. Opened again on arriving at one of its pages from elsewhere (a link, the to-do list).
  const [openKeys, setOpenKeys] = useState<string[]>(activeGroup ? [activeGroup] : []);
  const [shownKey, setShownKey] = useState(activeKey);
  if (shownKey !== activeKey) {
    setShownKey(activeKey);
    if (activeGroup && !openKeys.includes(activeGroup)) setOpenKeys([...openKeys, activeGroup]);
  }

  const link = (item: NavItem) => ({
    key: item.path,
    icon: item.icon,
    label: <Link to={item.path}>{t(item.labelKey)}</Link>,
  });
  const visible = NAV_ITEMS.filter((item) => me.data && hasAnyRole(me.data, item.roles));
  const items: MenuProps['items'] = navEntries(visible).map((entry) =>
    'submenu' in entry
      ? {
          key: entry.submenu.key,
          icon: entry.submenu.icon,
          label: (
            <button
              type="button"
              className="nav-group-toggle"
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
              }}
            >
              {t(entry.submenu.labelKey)}
            </button>
          ),
          children: entry.items.map(link),
        }
      : link(entry),
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
            <span data-tour="notifications">
              <NotificationBell />
            </span>
            <HelpButton />
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
            width={240}
            breakpoint="lg"
            collapsedWidth={0}
            theme="light"
          >
            <nav aria-label={t('nav.label')}>
              <Menu
                mode="inline"
                selectedKeys={[activeKey]}
                openKeys={openKeys}
                onOpenChange={setOpenKeys}
                items={items}
              />
            </nav>
          </Layout.Sider>
          <Layout>
            <Layout.Content id="main-content" tabIndex={-1} className="app-content">
              <RoundInViewBanner />
              <Suspense fallback={<FullPageSpin />}>
                <Outlet />
              </Suspense>
            </Layout.Content>
            <Layout.Footer className="app-footer">{t('app.owner')}</Layout.Footer>
          </Layout>
        </Layout>
        <FirstRunTour />
      </Layout>
    </SelectedRoundProvider>
  );
}

/** The practice-round banner for the round the page shows: the one in its address (a unit's
 * assessment, a round's settings), else the one chosen in the header. */
function RoundInViewBanner() {
  const { round, rounds } = useSelectedRound();
  const assessment = useMatch(PATTERNS.unitAssessment);
  const settings = useMatch(PATTERNS.roundSettings);
  const fromPath = Number((assessment ?? settings)?.params.roundId);
  const shown = fromPath ? rounds.find((candidate) => candidate.id === fromPath) : round;
  return <PracticeBanner round={shown} rounds={rounds} />;
}
