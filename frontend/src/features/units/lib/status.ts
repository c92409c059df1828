import dayjs from 'dayjs';

import type { Unit } from '@/api/types';

export type UnitStatus = 'active' | 'closed' | 'future';

/** Whether the unit is valid on `today` (YYYY-MM-DD; the browser's today by default). */
export function unitStatus(
  unit: Pick<Unit, 'valid_from' | 'valid_to'>,
  today = dayjs().format('YYYY-MM-DD'),
): UnitStatus {
  if (unit.valid_to && unit.valid_to < today) return 'closed';
  if (unit.valid_from && unit.valid_from > today) return 'future';
  return 'active';
}
