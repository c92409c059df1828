/**
 * Which part of the guide answers "help with this page": the "?" in the header opens the section
 * mapped from the current route (and, where a page serves several roles, the caller's role).
 * Every anchor named here exists in both languages' content (sections.test.ts checks).
 */
import type { Role } from '@/api/types';
import { PATHS } from '@/config/paths';

/** The roles in the order that picks a person's main one: the guide and the tour they get. */
export const ROLE_PRIORITY: readonly Role[] = [
  'admin',
  'approver',
  'evaluator',
  'unit_head',
  'unit_editor',
  'provider',
  'viewer',
];

/** Each role's own guide. */
export const ROLE_GUIDE: Record<Role, string> = {
  admin: 'admin',
  approver: 'approver',
  evaluator: 'evaluator',
  unit_head: 'unit-head',
  unit_editor: 'unit-editor',
  provider: 'agency-staff',
  viewer: 'viewer',
};

/** The role a person's guide and tour are for: the first of ROLE_PRIORITY they hold. */
export function mainRole(roles: readonly Role[]): Role {
  return ROLE_PRIORITY.find((role) => roles.includes(role)) ?? 'viewer';
}

const isUnit = (role: Role) => role === 'unit_editor' || role === 'unit_head';
const isDic = (role: Role) => role === 'admin' || role === 'approver' || role === 'evaluator';

/** A page's first path segment → its section; a function where the role decides. */
const BY_PAGE: Record<string, string | ((role: Role) => string)> = {
  [PATHS.assessment]: 'unit-editor-assessment',
  '/rounds': (role) => (isUnit(role) ? 'unit-editor-assessment' : 'evaluator-review'),
  [PATHS.results]: (role) => (role === 'unit_head' ? 'unit-head-feedback' : 'unit-editor-results'),
  [PATHS.progress]: (role) => (isDic(role) ? 'evaluator-progress' : 'viewer'),
  [PATHS.dashboard]: 'viewer-dashboard',
  [PATHS.review]: 'evaluator-review',
  [PATHS.feedback]: 'evaluator-feedback',
  [PATHS.publish]: (role) => (role === 'evaluator' ? 'evaluator-runs' : 'approver-publish'),
  [PATHS.imports]: (role) => (role === 'provider' ? 'agency-staff-import' : 'evaluator-imports'),
  [PATHS.frameworks]: 'glossary',
  [PATHS.units]: 'glossary',
  [PATHS.unitAdmin]: 'admin-units',
  [PATHS.roundSetup]: 'admin-rounds',
  [PATHS.users]: 'admin-users',
  [PATHS.apiClients]: 'admin-clients',
  [PATHS.audit]: 'admin-audit',
  [PATHS.profile]: 'start-password',
  [PATHS.changePassword]: 'start-password',
  [PATHS.help]: 'start',
  [PATHS.helpContact]: 'admin-contact',
};

const SCORE_RUNS = (role: Role) => (role === 'approver' ? 'approver-publish' : 'evaluator-runs');

/** The section that helps with `pathname` for someone holding `roles`. */
export function helpSectionFor(pathname: string, roles: readonly Role[]): string {
  const role = mainRole(roles);
  // A score run's rankings (/rounds/…/score-runs/…) are part of publishing.
  if (/^\/rounds\/[^/]+\/score-runs\//.test(pathname)) return SCORE_RUNS(role);
  const first = `/${pathname.split('/')[1] ?? ''}`;
  const entry = BY_PAGE[first];
  if (entry === undefined) return ROLE_GUIDE[role];
  return typeof entry === 'string' ? entry : entry(role);
}

/** Every anchor the mapping may give (for the content test). */
export function mappedAnchors(): string[] {
  const anchors = new Set<string>(Object.values(ROLE_GUIDE));
  for (const entry of [...Object.values(BY_PAGE), SCORE_RUNS]) {
    if (typeof entry === 'string') anchors.add(entry);
    else for (const role of ROLE_PRIORITY) anchors.add(entry(role));
  }
  return [...anchors].sort();
}
