import type { Role } from '@/api/types';

/** Who imports figures: an agency's staff for its own elements, DIC for any agency's. */
export const IMPORT_ROLES: readonly Role[] = ['provider', 'evaluator', 'approver', 'admin'];
