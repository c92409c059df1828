import { useTranslation } from 'react-i18next';

import type { RankChange } from '../rank-change';
import '../charts.css';

/** ▲2 / ▼1 / – / mới, with the words for screen readers. */
export function RankChangeTag({ change, year }: { change: RankChange | undefined; year: number }) {
  const { t } = useTranslation();
  if (!change || change.kind === 'new') {
    return (
      <span className="rank-change rank-change-new" title={t('public.rankNewHint', { year })}>
        {t('public.rankNew')}
      </span>
    );
  }
  if (change.kind === 'same') {
    const words = t('public.rankSame', { year });
    return (
      <span className="rank-change rank-change-same" title={words}>
        <span aria-hidden>–</span>
        <span className="sr-only">{words}</span>
      </span>
    );
  }
  const words = t(change.kind === 'up' ? 'public.rankUp' : 'public.rankDown', {
    count: change.by,
    year,
  });
  return (
    <span className={`rank-change rank-change-${change.kind}`} title={words}>
      <span aria-hidden>
        {change.kind === 'up' ? '▲' : '▼'}
        {change.by}
      </span>
      <span className="sr-only">{words}</span>
    </span>
  );
}
