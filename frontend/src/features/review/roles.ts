import type { Role } from '@/api/types';

/** Who reviews answers (DIC): the API's evaluator role, implied by approver and admin. */
export const REVIEWER_ROLES: readonly Role[] = ['evaluator', 'approver', 'admin'];
