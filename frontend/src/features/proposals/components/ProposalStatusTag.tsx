import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ProposalStatus } from '../api/proposals';

/** Colours whose text keeps 4.5:1 on their tint (WCAG AA), as the submission statuses' tags. */
const COLOURS: Record<ProposalStatus, string> = {
  submitted: 'geekblue',
  accepted: '#237804',
  declined: 'magenta',
  duplicate: 'default',
};

/** Where a proposal stands: waiting for DIC, accepted, declined or a duplicate. */
export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`proposals.statuses.${status}`)}</Tag>;
}
