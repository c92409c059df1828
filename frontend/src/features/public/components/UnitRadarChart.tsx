import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import type { PublicUnitPillar } from '../api/public';
import { decimal } from '../format';

import type { ChartOption } from './EChart';
import { EChart } from './EChart';

interface UnitRadarChartProps {
  /** The round's pillars that carry points. */
  pillars: readonly PublicUnitPillar[];
  unitName: string;
  year: number;
}

/** The unit's index per pillar against its group's average in one round (the pillar table has the figures). */
export function UnitRadarChart({ pillars, unitName, year }: UnitRadarChartProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const averageName = t('public.groupAverage');
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#0958d9', '#d4380d'],
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      radar: {
        center: ['50%', '56%'],
        radius: '65%',
        indicator: pillars.map((pillar) => ({
          name: `${pillar.code}. ${localized(language, pillar.name_vi, pillar.name_en)}`,
          min: 0,
          max: 1,
        })),
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: unitName,
              value: pillars.map((pillar) => decimal(pillar.index)),
              areaStyle: { opacity: 0.15 },
            },
            {
              name: averageName,
              value: pillars.map((pillar) => decimal(pillar.group_average_index)),
              lineStyle: { type: 'dashed' },
            },
          ],
        },
      ],
    }),
    [pillars, unitName, averageName, language],
  );
  return (
    <EChart
      option={option}
      ariaLabel={t('public.radarChartLabel', { unit: unitName, year })}
      height={380}
    />
  );
}
