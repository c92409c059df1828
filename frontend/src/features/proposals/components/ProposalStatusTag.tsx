import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ProposalStatus } from '../api/proposals';

const COLOURS: Record<ProposalStatus, string> = {
  submitted: 'processing',
  accepted: 'success',
  declined: 'error',
  duplicate: 'default',
};

/** Where a proposal stands: waiting for DIC, accepted, declined or a duplicate. */
export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`proposals.statuses.${status}`)}</Tag>;
}
