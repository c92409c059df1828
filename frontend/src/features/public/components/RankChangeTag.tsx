import { useTranslation } from 'react-i18next';

import type { RankChange } from '../rank-change';
import '../charts.css';

interface RankChangeTagProps {
  change: RankChange | undefined;
  /** Compared with: the published results of a year, or another score run of the round (DIC). */
  than: { year: number } | { run: number };
}

/** ▲2 / ▼1 / – / mới, with the words for screen readers. */
export function RankChangeTag({ change, than }: RankChangeTagProps) {
  const { t } = useTranslation();
  if ('run' in than) return <RunRankChange change={change} run={than.run} />;
  const { year } = than;
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

/** The same against another score run of the round. */
function RunRankChange({ change, run }: { change: RankChange | undefined; run: number }) {
  const { t } = useTranslation();
  if (!change || change.kind === 'new') {
    return (
      <span className="rank-change rank-change-new" title={t('rankings.rankNewHint', { run })}>
        {t('public.rankNew')}
      </span>
    );
  }
  const words =
    change.kind === 'same'
      ? t('rankings.rankSame', { run })
      : t(change.kind === 'up' ? 'rankings.rankUp' : 'rankings.rankDown', {
          count: change.by,
          run,
        });
  return (
    <span className={`rank-change rank-change-${change.kind}`} title={words}>
      <span aria-hidden>
        {change.kind === 'same' ? '–' : `${change.kind === 'up' ? '▲' : '▼'}${change.by}`}
      </span>
      <span className="sr-only">{words}</span>
    </span>
  );
}
