import type { Role } from '@/api/types';

/** Every role, in the API's order (DESIGN.md, "Users and roles"). */
export const ALL_ROLES: readonly Role[] = [
  'admin',
  'evaluator',
  'approver',
  'unit_editor',
  'unit_head',
  'provider',
  'viewer',
];

/** The roles that belong to a unit: a unit's staff, and an agency's (the API checks the same). */
export const ROLES_NEEDING_UNIT: readonly Role[] = ['unit_editor', 'unit_head', 'provider'];

export function needsUnit(roles: readonly Role[]): boolean {
  return roles.some((role) => ROLES_NEEDING_UNIT.includes(role));
}

/** The username rule of the API (`Username` in openapi.yaml), for the form's own check. */
export const USERNAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$/;
