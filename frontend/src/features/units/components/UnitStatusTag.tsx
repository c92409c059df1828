import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Unit } from '@/api/types';

import { unitStatus } from '../lib/status';

/** Whether a unit is valid today, closed, or not yet begun. */
export function UnitStatusTag({ unit, today }: { unit: Unit; today?: string }) {
  const { t } = useTranslation();
  const status = unitStatus(unit, today);
  const color = status === 'active' ? 'success' : status === 'closed' ? 'default' : 'processing';
  return <Tag color={color}>{t(`adminUnits.status.${status}`)}</Tag>;
}
