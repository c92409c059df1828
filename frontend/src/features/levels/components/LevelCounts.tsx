import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import { formatThreshold } from '../format';
import type { LevelCountLike } from '../types';
import '../levels.css';

import { LevelBadge } from './LevelBadge';

interface LevelCountsProps {
  counts: readonly LevelCountLike[];
  /** The group's name, for the list's accessible name. */
  group: string;
}

/** How many units of a group are at each level, lowest first, with each level's range. */
export function LevelCounts({ counts, group }: LevelCountsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (counts.length === 0) return null;
  const order = counts.map((count) => count.code);
  return (
    <ul
      className="level-counts"
      aria-label={t('levels.countsLabel', { group })}
      data-testid="level-counts"
    >
      {counts.map((count, position) => {
        const next = counts[position + 1];
        const from = formatThreshold(count.min_index, language);
        const range = next
          ? t('levels.range', { from, to: formatThreshold(next.min_index, language) })
          : t('levels.rangeTop', { from });
        return (
          <li key={count.code}>
            <LevelBadge level={count} order={order} />
            <span className="level-count">
              {t('levels.unitCount', {
                count: count.count,
                level: localized(language, count.name_vi, count.name_en),
              })}
            </span>{' '}
            <span className="level-range">({range})</span>
          </li>
        );
      })}
    </ul>
  );
}
