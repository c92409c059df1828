/**
 * What the unit's list and DIC's triage list show alike of a proposal: what it is about under its
 * title, when it was filed and where it stands.
 */
import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

import { formatDate } from '@/lib/format';

import type { Proposal } from '../api/proposals';
import { ProposalStatusTag } from './ProposalStatusTag';

/** The index set, the kind of change and the criterion, if any, e.g. "HCMC-DTI-2023 · … · 1.2". */
export function ProposalSubject({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary">
      {proposal.framework_code} · {t(`proposals.kinds.${proposal.kind}`)}
      {proposal.criterion_code ? ` · ${proposal.criterion_code}` : ''}
    </Typography.Text>
  );
}

/** The "filed on" and "status" columns. */
export function filedAndStatusColumns(t: TFunction): TableColumnsType<Proposal> {
  return [
    {
      key: 'filed',
      title: t('proposals.filedOn'),
      render: (_, row) => formatDate(row.filed_at),
      width: 110,
    },
    {
      key: 'status',
      title: t('proposals.status'),
      render: (_, row) => <ProposalStatusTag status={row.status} />,
      width: 130,
    },
  ];
}
