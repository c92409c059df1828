import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { publicUnitPath } from '@/config/paths';
import { LevelBadge, formatLevelIndex } from '@/features/levels';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicGroup, PublicRanking } from '../api/public';
import type { RankChange } from '../rank-change';

import { IndexBar } from './IndexBar';
import { rankChangeColumn } from './rankChangeColumn';

interface RankingTableProps {
  group: PublicGroup;
  roundId: number;
  /** Rank changes against the previous round, when there is one. */
  changes?: { year: number; byUnit: ReadonlyMap<string, RankChange> };
}

/** A group's ranking: rank, change since the previous round, unit, index, points of the maximum. */
export function RankingTable({ group, roundId, changes }: RankingTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const groupName = localized(language, group.name_vi, group.name_en);
  const label = t('public.rankingLabel', { group: groupName });
  // Levels and pillar views, when the framework sets them (publications before them have none).
  const levelOrder = (group.level_counts ?? []).map((count) => count.code);
  const hasLevels = group.rankings.some((ranking) => ranking.level);
  const views = new Map<string, string>();
  for (const ranking of group.rankings) {
    for (const view of ranking.pillar_views ?? []) {
      views.set(view.code, localized(language, view.name_vi, view.name_en));
    }
  }

  const columns: TableColumnsType<PublicRanking> = [
    { key: 'rank', title: t('public.rank'), dataIndex: 'rank', width: 72, align: 'center' },
    ...(changes
      ? [
          rankChangeColumn<PublicRanking>(
            'change',
            t('public.rankChange', { year: changes.year }),
            changes.byUnit,
            { year: changes.year },
          ),
        ]
      : []),
    {
      key: 'unit',
      title: t('public.unit'),
      render: (_: unknown, ranking) => (
        <>
          <Link to={publicUnitPath(ranking.unit_code, roundId)}>
            {localized(language, ranking.unit_name_vi, ranking.unit_name_en)}
          </Link>{' '}
          <span className="unit-code">{ranking.unit_code}</span>
        </>
      ),
    },
    {
      key: 'index',
      title: t('public.index'),
      width: 220,
      render: (_: unknown, ranking) => <IndexBar value={ranking.index} />,
    },
    {
      key: 'points',
      title: t('public.points'),
      width: 150,
      align: 'end',
      render: (_: unknown, ranking) =>
        t('public.pointsOfMax', {
          points: formatPoints(ranking.points, language),
          max: formatPoints(ranking.max_points, language),
        }),
    },
    ...(hasLevels
      ? [
          {
            key: 'level',
            title: t('levels.level'),
            width: 130,
            render: (_: unknown, ranking: PublicRanking) => (
              <LevelBadge level={ranking.level} order={levelOrder} />
            ),
          },
        ]
      : []),
    ...[...views].map(([code, name]) => ({
      key: `view-${code}`,
      title: t('levels.pillarViewNamed', { name }),
      width: 130,
      align: 'end' as const,
      render: (_: unknown, ranking: PublicRanking) =>
        formatLevelIndex(ranking.pillar_views?.find((view) => view.code === code)?.index, language),
    })),
  ];

  return (
    <Table<PublicRanking>
      size="middle"
      rowKey="unit_code"
      className="ranking-table"
      columns={columns}
      dataSource={group.rankings}
      pagination={false}
      scroll={{ x: 640 }}
      // antd puts aria-* on the <table> itself: a screen reader announces which group it ranks.
      aria-label={label}
      locale={{ emptyText: t('public.noRankings') }}
    />
  );
}
