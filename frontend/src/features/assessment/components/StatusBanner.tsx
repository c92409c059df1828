import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Assessment, Phase } from '@/api/types';
import { formatDateTime } from '@/lib/format';

interface StatusBannerProps {
  assessment: Assessment;
  phase: Phase | undefined;
  /** The user works for this unit (else: DIC staff reading it). */
  ownUnit: boolean;
}

/** Why the assessment cannot be edited: submitted (by whom, when), returned, accepted, round closed. */
export function StatusBanner({ assessment, phase, ownUnit }: StatusBannerProps) {
  const { t } = useTranslation();
  const { status } = assessment;
  const submitted = assessment.submitted_at
    ? t('assessment.submittedBy', {
        time: formatDateTime(assessment.submitted_at),
        by: assessment.submitted_by_name ?? assessment.submitted_by ?? '',
      })
    : null;

  if (status === 'submitted' || status === 'resubmitted') {
    return (
      <Alert
        className="status-banner"
        type="success"
        showIcon
        data-testid="status-banner"
        title={submitted ?? t(`assessment.statuses.${status}`)}
        description={t('assessment.submittedHint')}
      />
    );
  }
  if (status === 'returned') {
    return (
      <Alert
        className="status-banner"
        type="warning"
        showIcon
        data-testid="status-banner"
        title={t('assessment.returnedTitle')}
        description={
          assessment.editable ? t('assessment.returnedEditable') : t('assessment.returnedHint')
        }
      />
    );
  }
  if (status === 'accepted') {
    return (
      <Alert
        className="status-banner"
        type="success"
        showIcon
        data-testid="status-banner"
        title={t('assessment.acceptedTitle')}
        description={submitted ?? undefined}
      />
    );
  }
  if (!assessment.editable) {
    return (
      <Alert
        className="status-banner"
        type="info"
        showIcon
        data-testid="status-banner"
        title={t('assessment.closedTitle', { phase: phase ? t(`phases.${phase}`) : '' })}
        description={t('assessment.closedHint')}
      />
    );
  }
  if (!ownUnit) {
    return (
      <Alert
        className="status-banner"
        type="info"
        showIcon
        data-testid="status-banner"
        title={t('assessment.readOnlyForYou')}
      />
    );
  }
  return null;
}
