import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { SubmissionStatus } from '@/api/types';

/**
 * One colour per status. Only colours whose text keeps 4.5:1 on their tint (WCAG AA): antd's
 * green, gold and cyan tags do not, so "accepted" uses the theme's success text green.
 */
const COLORS: Record<SubmissionStatus, string | undefined> = {
  not_started: undefined,
  in_progress: 'blue',
  submitted: 'geekblue',
  returned: 'magenta',
  resubmitted: 'purple',
  accepted: '#237804',
};

/** A unit's submission status as a coloured tag (the self-assessment's wording). */
export function StatusTag({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`assessment.statuses.${status}`)}
    </Tag>
  );
}
