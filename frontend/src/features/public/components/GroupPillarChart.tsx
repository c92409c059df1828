import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Language } from '@/i18n';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicGroup } from '../api/public';
import { decimal } from '../format';

import { ChartData } from './ChartData';
import type { ChartOption } from './EChart';
import { CHART_COLORS, EChart } from './EChart';

/** Pillars that carry points in the group (a pillar reported but not scored has a maximum of 0). */
function scoredPillars(group: PublicGroup) {
  return group.pillars.filter((pillar) => decimal(pillar.max_points) > 0);
}

function chartOption(group: PublicGroup, language: Language): ChartOption {
  const pillars = scoredPillars(group);
  return {
    color: [...CHART_COLORS],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'plain', top: 0, left: 0, right: 0 },
    grid: {
      top: 24 + Math.ceil(pillars.length / 4) * 22,
      left: 8,
      right: 16,
      bottom: 8,
      containLabel: true,
    },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: group.rankings.map(
        (ranking) =>
          `${ranking.rank}. ${localized(language, ranking.unit_name_vi, ranking.unit_name_en)}`,
      ),
    },
    series: pillars.map((pillar) => ({
      type: 'bar',
      stack: 'points',
      name: `${pillar.code}. ${localized(language, pillar.name_vi, pillar.name_en)}`,
      data: group.rankings.map((ranking) =>
        decimal(ranking.pillars.find((candidate) => candidate.code === pillar.code)?.points),
      ),
    })),
  };
}

/** Each unit's points by pillar, stacked, in rank order; and the same figures as a table. */
export function GroupPillarChart({ group }: { group: PublicGroup }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const option = useMemo(() => chartOption(group, language), [group, language]);
  const groupName = localized(language, group.name_vi, group.name_en);
  const pillars = scoredPillars(group);

  return (
    <>
      <EChart
        option={option}
        ariaLabel={t('public.pillarChartLabel', { group: groupName })}
        height={Math.max(240, 100 + group.rankings.length * 26)}
      />
      <ChartData caption={t('public.pillarTableCaption', { group: groupName })}>
        <thead>
          <tr>
            <th scope="col">{t('public.unit')}</th>
            {pillars.map((pillar) => (
              <th scope="col" key={pillar.code}>
                {pillar.code}. {localized(language, pillar.name_vi, pillar.name_en)} (
                {formatPoints(pillar.max_points, language)})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {group.rankings.map((ranking) => (
            <tr key={ranking.unit_code}>
              <th scope="row">{localized(language, ranking.unit_name_vi, ranking.unit_name_en)}</th>
              {pillars.map((pillar) => (
                <td key={pillar.code}>
                  {formatPoints(
                    ranking.pillars.find((candidate) => candidate.code === pillar.code)?.points,
                    language,
                  )}
                </td>
              ))}
            </tr>
          ))}
          <tr className="data-table-average">
            <th scope="row">{t('public.groupAverage')}</th>
            {pillars.map((pillar) => (
              <td key={pillar.code}>{formatPoints(pillar.average_points, language)}</td>
            ))}
          </tr>
        </tbody>
      </ChartData>
    </>
  );
}
