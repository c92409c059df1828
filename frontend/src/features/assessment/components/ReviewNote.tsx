import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import type { AnswerReview } from '@/api/types';
import { useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';

const DECISIONS = ['accepted', 'adjusted', 'returned'] as const;
type Decision = (typeof DECISIONS)[number];

/** The reviewer's decision on an answer and their comment (shown to the unit once reviewed). */
export function ReviewNote({ review }: { review: AnswerReview }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const known: Decision | undefined = DECISIONS.find((candidate) => candidate === review.decision);
  const points = review.points;
  const comment = review.comment;
  const by = review.reviewer_name ?? review.reviewer;
  const at = review.decided_at;
  const title = [
    t('assessment.review'),
    known ? t(`assessment.reviewDecisions.${known}`) : review.decision,
    points ? t('assessment.reviewPoints', { points: formatPoints(points, language) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Alert
      className="review-note"
      type={known === 'returned' ? 'warning' : 'info'}
      showIcon
      title={title}
      description={
        <>
          {comment ? <p className="review-comment">{comment}</p> : null}
          {by || at ? (
            <p className="review-by">
              {[by, at ? formatDateTime(at) : null].filter(Boolean).join(' · ')}
            </p>
          ) : null}
        </>
      }
    />
  );
}
