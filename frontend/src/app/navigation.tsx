import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HistoryOutlined,
  CloudUploadOutlined,
  FormOutlined,
  GlobalOutlined,
  HomeOutlined,
  LineChartOutlined,
  MessageOutlined,
  NotificationOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

import type { Role } from '@/api/types';
import { PATHS } from '@/config/paths';
import {
  ADMIN_ROLES,
  CITY_WIDE_ROLES,
  IMPORT_ROLES,
  PUBLISHER_ROLES,
  REVIEWER_ROLES,
  UNIT_ROLES,
} from '@/config/roles';

export interface NavItem {
  path: string;
  labelKey:
    | 'nav.home'
    | 'nav.assessment'
    | 'nav.results'
    | 'nav.progress'
    | 'nav.review'
    | 'nav.feedback'
    | 'nav.publish'
    | 'nav.imports'
    | 'nav.frameworks'
    | 'nav.units'
    | 'adminUnits.nav'
    | 'nav.public'
    | 'adminRounds.nav'
    | 'adminClients.nav'
    | 'adminAudit.nav'
    | 'adminUsers.nav';
  icon: ReactNode;
  /** Who sees it (empty: everyone signed in); the route has the same guard. */
  roles: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: PATHS.home, labelKey: 'nav.home', icon: <HomeOutlined aria-hidden />, roles: [] },
  {
    path: PATHS.assessment,
    labelKey: 'nav.assessment',
    icon: <FormOutlined aria-hidden />,
    roles: UNIT_ROLES,
  },
  {
    path: PATHS.results,
    labelKey: 'nav.results',
    icon: <TrophyOutlined aria-hidden />,
    roles: UNIT_ROLES,
  },
  {
    path: PATHS.progress,
    labelKey: 'nav.progress',
    icon: <LineChartOutlined aria-hidden />,
    roles: CITY_WIDE_ROLES,
  },
  {
    path: PATHS.review,
    labelKey: 'nav.review',
    icon: <AuditOutlined aria-hidden />,
    roles: REVIEWER_ROLES,
  },
  {
    path: PATHS.feedback,
    labelKey: 'nav.feedback',
    icon: <MessageOutlined aria-hidden />,
    roles: REVIEWER_ROLES,
  },
  {
    path: PATHS.publish,
    labelKey: 'nav.publish',
    icon: <NotificationOutlined aria-hidden />,
    roles: REVIEWER_ROLES,
  },
  {
    path: PATHS.roundSetup,
    labelKey: 'adminRounds.nav',
    icon: <CalendarOutlined aria-hidden />,
    roles: PUBLISHER_ROLES,
  },
  {
    path: PATHS.imports,
    labelKey: 'nav.imports',
    icon: <CloudUploadOutlined aria-hidden />,
    roles: IMPORT_ROLES,
  },
  {
    path: PATHS.frameworks,
    labelKey: 'nav.frameworks',
    icon: <BookOutlined aria-hidden />,
    roles: [],
  },
  {
    path: PATHS.units,
    labelKey: 'nav.units',
    icon: <ApartmentOutlined aria-hidden />,
    roles: CITY_WIDE_ROLES,
  },
  {
    path: PATHS.users,
    labelKey: 'adminUsers.nav',
    icon: <TeamOutlined aria-hidden />,
    roles: ADMIN_ROLES,
  },
  {
    path: PATHS.unitAdmin,
    labelKey: 'adminUnits.nav',
    icon: <ClusterOutlined aria-hidden />,
    roles: ADMIN_ROLES,
  },
  {
    path: PATHS.apiClients,
    labelKey: 'adminClients.nav',
    icon: <ApiOutlined aria-hidden />,
    roles: ADMIN_ROLES,
  },
  {
    path: PATHS.audit,
    labelKey: 'adminAudit.nav',
    icon: <HistoryOutlined aria-hidden />,
    roles: ADMIN_ROLES,
  },
  // The public results pages, outside the signed-in shell.
  { path: PATHS.public, labelKey: 'nav.public', icon: <GlobalOutlined aria-hidden />, roles: [] },
];

/** The menu key to highlight for a path: its first segment. */
export function activeNavKey(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first ? `/${first}` : '/';
}
