import type { Me, Role } from '@/api/types';

/** DIC staff and read-only leadership: they see every unit (unit users work on their own). */
export const CITY_WIDE_ROLES: readonly Role[] = ['admin', 'approver', 'evaluator', 'viewer'];

/** A unit's own staff: the focal person who enters its answers and the head who submits them. */
export const UNIT_ROLES: readonly Role[] = ['unit_editor', 'unit_head'];

/** Whether the user holds one of the roles (an empty list allows anyone signed in). */
export function hasAnyRole(me: Pick<Me, 'roles'> | undefined, roles: readonly Role[]): boolean {
  if (roles.length === 0) return true;
  return me?.roles.some((role) => roles.includes(role)) ?? false;
}
