import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Proposal } from '../api/proposals';

/** DIC's answer as the unit reads it: into which draft and code, why not, or a duplicate of what. */
export function ProposalAnswer({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const note = proposal.response ? (
    <Typography.Text className="proposal-note">{proposal.response}</Typography.Text>
  ) : null;
  switch (proposal.status) {
    case 'submitted':
      return <Typography.Text type="secondary">{t('proposals.waiting')}</Typography.Text>;
    case 'accepted':
      return (
        <span>
          {t('proposals.acceptedInto', {
            framework: proposal.target_framework_code ?? '—',
            code: proposal.target_criterion_code ?? '—',
          })}
          {note ? <> {note}</> : null}
        </span>
      );
    case 'declined':
      return note;
    case 'duplicate':
      return (
        <span>
          {t('proposals.duplicateOf', { id: proposal.duplicate_of_id ?? '—' })}
          {note ? <> {note}</> : null}
        </span>
      );
  }
}
