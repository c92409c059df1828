import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { FeedbackStatus } from '../api/feedback';

const COLOURS: Record<FeedbackStatus, string> = {
  open: 'processing',
  accepted: 'success',
  rejected: 'error',
};

/** Where a feedback stands: waiting for DIC's answer, accepted or rejected. */
export function FeedbackStatusTag({ status }: { status: FeedbackStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`feedback.statuses.${status}`)}</Tag>;
}
