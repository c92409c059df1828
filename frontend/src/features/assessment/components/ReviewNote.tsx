import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import { useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';

const DECISIONS = ['accepted', 'adjusted', 'returned'] as const;
type Decision = (typeof DECISIONS)[number];

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null;
}

/** The reviewer's decision on an answer and their comment (shown to the unit once reviewed). */
export function ReviewNote({ review }: { review: Readonly<Record<string, unknown>> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decision = text(review.decision);
  const known: Decision | undefined = DECISIONS.find((candidate) => candidate === decision);
  const points = text(review.points);
  const comment = text(review.comment);
  const by = text(review.reviewer) ?? text(review.reviewed_by) ?? text(review.actor);
  const at = text(review.reviewed_at) ?? text(review.at);
  const title = [
    t('assessment.review'),
    known ? t(`assessment.reviewDecisions.${known}`) : decision,
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
