/**
 * Who sees what: the role lists the router's guards, the menu and the pages share, so a screen and
 * its menu entry never disagree. They only decide what is shown; the API checks every object again.
 * The names are the API's (`Role` in openapi.yaml; see DESIGN.md, "Users and roles").
 */
import type { Me, Role } from '@/api/types';

/** DIC staff and read-only leadership: they see every unit (unit users work on their own). */
export const CITY_WIDE_ROLES: readonly Role[] = ['admin', 'approver', 'evaluator', 'viewer'];

/** A unit's own staff: the focal person who enters its answers and the head who submits them. */
export const UNIT_ROLES: readonly Role[] = ['unit_editor', 'unit_head'];

/** Who signs off and submits the unit's assessment (its head). */
export const SUBMITTER_ROLES: readonly Role[] = ['unit_head'];

/** Who reads any unit's assessment (the API's DIC roles; a viewer does not). */
export const ASSESSMENT_READER_ROLES: readonly Role[] = ['admin', 'approver', 'evaluator'];

/** Who reviews answers (DIC): the API's evaluator role, implied by approver and admin. */
export const REVIEWER_ROLES: readonly Role[] = ['evaluator', 'approver', 'admin'];

/** Who moves a round between phases and publishes its results (DIC leadership; admin may too). */
export const PUBLISHER_ROLES: readonly Role[] = ['approver', 'admin'];

/** Who imports figures: an agency's staff for its own elements, DIC for any agency's. */
export const IMPORT_ROLES: readonly Role[] = ['provider', 'evaluator', 'approver', 'admin'];

/** System administration: accounts, their passwords and imports, API clients, the audit trail. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

/** Whether the user holds one of the roles (an empty list allows anyone signed in). */
export function hasAnyRole(me: Pick<Me, 'roles'> | undefined, roles: readonly Role[]): boolean {
  if (roles.length === 0) return true;
  return me?.roles.some((role) => roles.includes(role)) ?? false;
}

/** Who reads the units' proposals (đề xuất): a unit's staff their own, DIC every unit's. */
export const PROPOSAL_ROLES: readonly Role[] = [...UNIT_ROLES, ...REVIEWER_ROLES];
