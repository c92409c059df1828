import { useTranslation } from 'react-i18next';

import { rankMove } from '../scenario';

/** ▲2 / ▼1 / – for a rank change, with the words for screen readers. */
export function RankMoveTag({ change }: { change: number | null | undefined }) {
  const { t } = useTranslation();
  const move = rankMove(change);
  if (move.kind === 'none' || move.kind === 'same') {
    const words = t(move.kind === 'none' ? 'whatIf.rankNone' : 'whatIf.rankSame');
    return (
      <span className="whatif-move whatif-move-same" title={words}>
        <span aria-hidden>–</span>
        <span className="sr-only">{words}</span>
      </span>
    );
  }
  const words = t(move.kind === 'up' ? 'whatIf.rankUp' : 'whatIf.rankDown', { count: move.by });
  return (
    <span className={`whatif-move whatif-move-${move.kind}`} title={words}>
      <span aria-hidden>
        {move.kind === 'up' ? '▲' : '▼'}
        {move.by}
      </span>
      <span className="sr-only">{words}</span>
    </span>
  );
}
