import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  BulbOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HistoryOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileExcelOutlined,
  ExperimentOutlined,
  FormOutlined,
  GlobalOutlined,
  HomeOutlined,
  LineChartOutlined,
  MessageOutlined,
  NotificationOutlined,
  PhoneOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
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
  PROPOSAL_ROLES,
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
    | 'nav.dashboard'
    | 'nav.review'
    | 'nav.feedback'
    | 'nav.publish'
    | 'nav.imports'
    | 'nav.frameworks'
    | 'whatIf.nav'
    | 'proposals.nav'
    | 'nav.units'
    | 'adminUnits.nav'
    | 'nav.public'
    | 'adminRounds.nav'
    | 'adminClients.nav'
    | 'adminAudit.nav'
    | 'adminUsers.nav'
    | 'frameworkExcel.nav'
    | 'help.nav'
    | 'help.contact.nav'
    | 'cityUnits.operator.nav';
  icon: ReactNode;
  /** Who sees it (empty: everyone signed in); the route has the same guard. */
  roles: readonly Role[];
  /** The submenu it is listed under (none: the top level). */
  group?: NavGroup['key'];
}

/** A submenu of entries; shown where its first visible entry is, and as that entry alone when a
 * role sees only one of them (an approver's round setup), so nobody opens a menu of one. */
export interface NavGroup {
  key: 'admin';
  labelKey: 'nav.admin';
  icon: ReactNode;
}

export const NAV_GROUPS: readonly NavGroup[] = [
  { key: 'admin', labelKey: 'nav.admin', icon: <SettingOutlined aria-hidden /> },
];

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
    path: PATHS.dashboard,
    labelKey: 'nav.dashboard',
    icon: <DashboardOutlined aria-hidden />,
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
    path: PATHS.whatIf,
    labelKey: 'whatIf.nav',
    icon: <ExperimentOutlined aria-hidden />,
    roles: REVIEWER_ROLES,
  },
  {
    path: PATHS.proposals,
    labelKey: 'proposals.nav',
    icon: <BulbOutlined aria-hidden />,
    roles: PROPOSAL_ROLES,
  },
  {
    path: PATHS.units,
    labelKey: 'nav.units',
    icon: <ApartmentOutlined aria-hidden />,
    roles: CITY_WIDE_ROLES,
  },
  // Quản trị: setting up the year and running the system (DIC).
  {
    path: PATHS.roundSetup,
    labelKey: 'adminRounds.nav',
    icon: <CalendarOutlined aria-hidden />,
    roles: REVIEWER_ROLES, // evaluators too: practice rounds (the setting up is approvers')
    group: 'admin',
  },
  {
    path: PATHS.users,
    labelKey: 'adminUsers.nav',
    icon: <TeamOutlined aria-hidden />,
    roles: ADMIN_ROLES,
    group: 'admin',
  },
  {
    path: PATHS.unitAdmin,
    labelKey: 'adminUnits.nav',
    icon: <ClusterOutlined aria-hidden />,
    roles: ADMIN_ROLES,
    group: 'admin',
  },
  {
    path: PATHS.frameworkImport,
    labelKey: 'frameworkExcel.nav',
    icon: <FileExcelOutlined aria-hidden />,
    roles: ADMIN_ROLES,
    group: 'admin',
  },
  {
    path: PATHS.apiClients,
    labelKey: 'adminClients.nav',
    icon: <ApiOutlined aria-hidden />,
    roles: ADMIN_ROLES,
    group: 'admin',
  },
  {
    path: PATHS.audit,
    labelKey: 'adminAudit.nav',
    icon: <HistoryOutlined aria-hidden />,
    roles: ADMIN_ROLES,
    group: 'admin',
  },
  {
    path: PATHS.helpContact,
    labelKey: 'help.contact.nav',
    icon: <PhoneOutlined aria-hidden />,
    roles: ADMIN_ROLES,
    group: 'admin',
  },
  {
    path: PATHS.help,
    labelKey: 'help.nav',
    icon: <QuestionCircleOutlined aria-hidden />,
    roles: [],
  },
  {
    path: PATHS.operatorSettings,
    labelKey: 'cityUnits.operator.nav',
    icon: <BankOutlined aria-hidden />,
    roles: ADMIN_ROLES,
    group: 'admin',
  },
  // The public results pages, outside the signed-in shell.
  { path: PATHS.public, labelKey: 'nav.public', icon: <GlobalOutlined aria-hidden />, roles: [] },
];

export type NavEntry = NavItem | { submenu: NavGroup; items: NavItem[] };

/** The menu as `visible` entries show it: each group where its first entry is, or that entry
 * alone when it is the group's only visible one. */
export function navEntries(visible: readonly NavItem[]): NavEntry[] {
  const entries: NavEntry[] = [];
  for (const item of visible) {
    const group = NAV_GROUPS.find((candidate) => candidate.key === item.group);
    const members = group ? visible.filter((other) => other.group === group.key) : [];
    if (!group || members.length < 2) entries.push(item);
    else if (members[0] === item) entries.push({ submenu: group, items: members });
  }
  return entries;
}

/** The group whose entry `key` (a path) is, if any. */
export function navGroupOf(key: string): NavGroup['key'] | undefined {
  return NAV_ITEMS.find((item) => item.path === key)?.group;
}

/** The menu key to highlight for a path: its first segment. */
export function activeNavKey(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first ? `/${first}` : '/';
}
