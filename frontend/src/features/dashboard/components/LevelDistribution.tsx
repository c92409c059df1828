import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { LevelTone } from '@/features/levels';
import { LevelCounts, toneOfCode } from '@/features/levels';
import type { ChartOption, PublicGroup } from '@/features/public';
import { EChart } from '@/features/public';
import { localized, useLanguage } from '@/i18n';

/** A bar's colour by its level's tone, as the level badges (3:1 or more against white). */
const TONE_COLORS: Record<LevelTone, string> = {
  low: '#ad4e00',
  mid: '#0958d9',
  high: '#237804',
  none: '#4e79a7',
};

/** How many units of the group are at each level: a bar chart, and the counts as text. */
export function LevelDistribution({ group }: { group: PublicGroup }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = localized(language, group.name_vi, group.name_en);
  const counts = useMemo(() => group.level_counts ?? [], [group]);

  const option = useMemo((): ChartOption => {
    const order = counts.map((count) => count.code);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { top: 24, left: 8, right: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: counts.map((count) => localized(language, count.name_vi, count.name_en)),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('dashboard.levels.series'),
          label: { show: true, position: 'top' },
          data: counts.map((count) => ({
            value: count.count,
            itemStyle: { color: TONE_COLORS[toneOfCode(count.code, order)] },
          })),
        },
      ],
    };
  }, [counts, language, t]);

  const summary = counts
    .map((count) =>
      t('levels.unitCount', {
        count: count.count,
        level: localized(language, count.name_vi, count.name_en),
      }),
    )
    .join('; ');

  return (
    <Card
      style={{ height: '100%' }}
      title={<h2 className="card-heading">{t('dashboard.levels.title', { group: name })}</h2>}
    >
      {counts.length === 0 ? (
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('dashboard.levels.none')}
        </Typography.Paragraph>
      ) : (
        <>
          <EChart
            option={option}
            ariaLabel={t('dashboard.levels.chartLabel', { group: name, counts: summary })}
            height={240}
          />
          <LevelCounts counts={counts} group={name} />
        </>
      )}
    </Card>
  );
}
