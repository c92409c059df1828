import { Card, Flex, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { publicUnitPath } from '@/config/paths';
import { formatLevelIndex } from '@/features/levels';
import type { ChartOption, PublicGroup, PublicRanking } from '@/features/public';
import { ChartData, EChart } from '@/features/public';
import { localized, useLanguage } from '@/i18n';

import { indexStats } from '../figures';

/** The group's index: its average, median, highest and lowest, and each unit's as a sorted bar. */
export function IndexOverview({ group, roundId }: { group: PublicGroup; roundId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = localized(language, group.name_vi, group.name_en);
  const stats = indexStats(group.rankings);
  const hasLevels = group.rankings.some((ranking) => ranking.level);
  const unitName = (ranking: PublicRanking) =>
    localized(language, ranking.unit_name_vi, ranking.unit_name_en);

  const option = useMemo((): ChartOption => {
    // Highest first, as ranked; equal indexes keep their rank order.
    const sorted = [...group.rankings].sort(
      (a, b) => Number(b.index) - Number(a.index) || a.rank - b.rank,
    );
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (_, dataIndex) => formatLevelIndex(sorted[dataIndex]?.index, language),
      },
      grid: { top: 8, left: 8, right: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map(
          (ranking) =>
            `${ranking.rank}. ${localized(language, ranking.unit_name_vi, ranking.unit_name_en)}`,
        ),
      },
      series: [
        {
          type: 'bar',
          name: t('dashboard.index.series'),
          itemStyle: { color: '#1d4f91' },
          label: {
            show: true,
            position: 'right',
            formatter: ({ dataIndex }) => formatLevelIndex(sorted[dataIndex]?.index, language),
          },
          data: sorted.map((ranking) => Number(ranking.index)),
        },
      ],
    };
  }, [group, language, t]);

  const names = (units: readonly PublicRanking[]) => units.map(unitName).join(', ');

  return (
    <Card title={<h2 className="card-heading">{t('dashboard.index.title', { group: name })}</h2>}>
      {!stats ? (
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('dashboard.index.empty')}
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap="middle">
          <Flex wrap gap="large" data-testid={`index-stats-${group.code}`}>
            <Statistic
              title={t('dashboard.index.average')}
              value={formatLevelIndex(group.average_index, language)}
            />
            <Statistic
              title={t('dashboard.index.median')}
              value={formatLevelIndex(stats.median, language)}
            />
            <div>
              <Statistic
                title={t('dashboard.index.best')}
                value={formatLevelIndex(stats.best.index, language)}
              />
              <Typography.Text type="secondary">{names(stats.best.units)}</Typography.Text>
            </div>
            <div>
              <Statistic
                title={t('dashboard.index.lowest')}
                value={formatLevelIndex(stats.lowest.index, language)}
              />
              <Typography.Text type="secondary">{names(stats.lowest.units)}</Typography.Text>
            </div>
          </Flex>
          <div>
            <EChart
              option={option}
              ariaLabel={t('dashboard.index.chartLabel', { group: name })}
              height={Math.max(200, 40 + group.rankings.length * 28)}
            />
            <ChartData caption={t('dashboard.index.tableCaption', { group: name })}>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.movers.rank')}</th>
                  <th scope="col">{t('dashboard.movers.unit')}</th>
                  <th scope="col">{t('dashboard.movers.index')}</th>
                  {hasLevels ? <th scope="col">{t('dashboard.movers.level')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {group.rankings.map((ranking) => (
                  <tr key={ranking.unit_code}>
                    <td>{ranking.rank}</td>
                    <th scope="row">
                      <Link to={publicUnitPath(ranking.unit_code, roundId)}>
                        {unitName(ranking)}
                      </Link>
                    </th>
                    <td>{formatLevelIndex(ranking.index, language)}</td>
                    {hasLevels ? (
                      <td>
                        {ranking.level
                          ? localized(language, ranking.level.name_vi, ranking.level.name_en)
                          : '–'}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </ChartData>
          </div>
        </Flex>
      )}
    </Card>
  );
}
