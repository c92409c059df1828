import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { UNIT_ADMIN_PATHS } from '@/config/paths';
import '../units-admin.css';

/** The unit administration (admin): its pages as a menu under one heading. */
export default function UnitAdminLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = [
    { key: UNIT_ADMIN_PATHS.units, label: t('adminUnits.tabs.units') },
    { key: UNIT_ADMIN_PATHS.groups, label: t('adminUnits.tabs.groups') },
    { key: UNIT_ADMIN_PATHS.reorganise, label: t('adminUnits.tabs.reorganise') },
    { key: UNIT_ADMIN_PATHS.import, label: t('adminUnits.tabs.import') },
  ];
  const selected = items.find((item) => item.key === pathname)?.key ?? UNIT_ADMIN_PATHS.units;
  return (
    <>
      <PageTitle description={t('adminUnits.intro')}>{t('adminUnits.title')}</PageTitle>
      <nav aria-label={t('adminUnits.tabsLabel')} className="unit-admin-nav">
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          items={items.map((item) => ({
            key: item.key,
            label: <Link to={item.key}>{item.label}</Link>,
          }))}
        />
      </nav>
      <Outlet />
    </>
  );
}
