import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { LevelCounts } from '@/features/levels';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicGroup } from '../api/public';
import { formatIndex } from '../format';
import type { RankChange } from '../rank-change';

import { GroupPillarChart } from './GroupPillarChart';
import { RankingTable } from './RankingTable';

interface GroupPanelProps {
  group: PublicGroup;
  roundId: number;
  changes?: { year: number; byUnit: ReadonlyMap<string, RankChange> };
  /** Why there is no change column (no earlier round, or it failed to load). */
  changesNote?: string;
}

/** One ranking group: its averages, its ranking, and its units' points by pillar. */
export function GroupPanel({ group, roundId, changes, changesNote }: GroupPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = localized(language, group.name_vi, group.name_en);
  return (
    <Flex vertical gap="large">
      <Card
        title={
          <h2 className="card-heading" id={`ranking-${group.code}`}>
            {t('public.rankingTitle', { group: name })}
          </h2>
        }
      >
        <Typography.Paragraph className="group-summary">
          {t('public.groupSummary', {
            count: group.unit_count,
            index: formatIndex(group.average_index, language),
            points: formatPoints(group.average_points, language),
          })}
          {changesNote ? ` ${changesNote}` : ''}
        </Typography.Paragraph>
        <LevelCounts counts={group.level_counts ?? []} group={name} />
        <RankingTable group={group} roundId={roundId} changes={changes} />
      </Card>
      <Card
        title={<h2 className="card-heading">{t('public.pillarChartTitle', { group: name })}</h2>}
      >
        <GroupPillarChart group={group} />
      </Card>
    </Flex>
  );
}
