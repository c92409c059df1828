import { Button, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { LevelBadge, formatLevelIndex } from '@/features/levels';
import { rankChangeColumn } from '@/features/public';
import type { RankChange } from '@/features/public';
import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { RunGroup, RunRanking } from '../api/rankings';

interface RunRankingTableProps {
  group: RunGroup;
  /** The group's name, for the table's accessible name. */
  groupName: string;
  /** Rank changes against another run of the round, when one is chosen. */
  againstRun?: { run: number; byUnit: ReadonlyMap<string, RankChange> } | undefined;
  /** Rank changes against the previous year's published results, when there are some. */
  againstYear?: { year: number; byUnit: ReadonlyMap<string, RankChange> } | undefined;
  onOpen: (unit: { code: string; name: string }) => void;
}

/**
 * A group's ranking in a score run, as DIC reads it before publishing: rank, movement against
 * another run and the last published year, the unit (opening its explanation), level, index,
 * points and each pillar's points.
 */
export function RunRankingTable({
  group,
  groupName,
  againstRun,
  againstYear,
  onOpen,
}: RunRankingTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const levelOrder = (group.level_counts ?? []).map((count) => count.code);
  const hasLevels = group.rankings.some((ranking) => ranking.level);
  const pillars = group.rankings[0]?.pillars ?? [];

  const columns: TableColumnsType<RunRanking> = [
    { key: 'rank', title: t('rankings.rank'), dataIndex: 'rank', width: 72, align: 'center' },
    ...(againstRun
      ? [
          rankChangeColumn<RunRanking>(
            'run-change',
            t('rankings.changeRun', { run: againstRun.run }),
            againstRun.byUnit,
            { run: againstRun.run },
          ),
        ]
      : []),
    ...(againstYear
      ? [
          rankChangeColumn<RunRanking>(
            'year-change',
            t('rankings.changeYear', { year: againstYear.year }),
            againstYear.byUnit,
            { year: againstYear.year },
          ),
        ]
      : []),
    {
      key: 'unit',
      title: t('rankings.unit'),
      render: (_: unknown, ranking) => (
        <Button
          type="link"
          className="ranking-unit-link"
          aria-label={t('rankings.openUnit', { unit: ranking.unit_name_vi })}
          onClick={() => onOpen({ code: ranking.unit_code, name: ranking.unit_name_vi })}
        >
          {ranking.unit_name_vi}
        </Button>
      ),
    },
    ...(hasLevels
      ? [
          {
            key: 'level',
            title: t('levels.level'),
            width: 130,
            render: (_: unknown, ranking: RunRanking) => (
              <LevelBadge level={ranking.level} order={levelOrder} />
            ),
          },
        ]
      : []),
    {
      key: 'index',
      title: t('rankings.index'),
      width: 100,
      align: 'end',
      render: (_: unknown, ranking) => formatLevelIndex(ranking.index, language),
    },
    {
      key: 'points',
      title: t('rankings.points'),
      width: 150,
      align: 'end',
      render: (_: unknown, ranking) =>
        t('rankings.pointsOfMax', {
          points: formatPoints(ranking.points, language),
          max: formatPoints(ranking.max_points, language),
        }),
    },
    ...pillars.map((pillar) => ({
      key: `pillar-${pillar.code}`,
      title: (
        <span title={pillar.name_vi ?? pillar.code}>
          {t('rankings.pillar', { code: pillar.code })}
        </span>
      ),
      width: 110,
      align: 'end' as const,
      render: (_: unknown, ranking: RunRanking) => {
        const node = ranking.pillars.find((candidate) => candidate.code === pillar.code);
        return node?.applicable ? formatPoints(node.points, language) : '—';
      },
    })),
  ];

  return (
    <Table<RunRanking>
      size="middle"
      rowKey="unit_code"
      className="run-ranking-table"
      columns={columns}
      dataSource={group.rankings}
      pagination={false}
      scroll={{ x: 900 }}
      aria-label={t('rankings.tableLabel', { group: groupName })}
      locale={{ emptyText: t('rankings.empty') }}
    />
  );
}
