import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Unit } from '@/api/types';

import { unitStatus } from '../lib/status';

/** Whether a unit is valid today, closed, or not yet begun. */
export function UnitStatusTag({ unit, today }: { unit: Unit; today?: string }) {
  const { t } = useTranslation();
  const status = unitStatus(unit, today);
  // Colours of the app's own (units-admin.css): antd's success and processing tags are too pale
  // for text contrast.
  return (
    <Tag className={`unit-status unit-status-${status}`}>{t(`adminUnits.status.${status}`)}</Tag>
  );
}
