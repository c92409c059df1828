import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { decimal } from '../format';
import type { PublicUnitEntry } from '../api/public';

import type { ChartOption } from './EChart';
import { EChart } from './EChart';

interface UnitTrendChartProps {
  history: readonly PublicUnitEntry[];
  unitName: string;
}

/** The unit's index by year against its group's average (the history table holds the same figures). */
export function UnitTrendChart({ history, unitName }: UnitTrendChartProps) {
  const { t } = useTranslation();
  const unitSeries = t('public.unitIndexSeries', { unit: unitName });
  const averageSeries = t('public.groupAverage');
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#0958d9', '#8c8c8c'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { top: 40, left: 8, right: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: history.map((entry) => String(entry.round.year)) },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: [
        {
          type: 'line',
          name: unitSeries,
          data: history.map((entry) => decimal(entry.index)),
          symbolSize: 8,
        },
        {
          type: 'line',
          name: averageSeries,
          data: history.map((entry) => decimal(entry.group.average_index)),
          lineStyle: { type: 'dashed' },
        },
      ],
    }),
    [history, unitSeries, averageSeries],
  );
  return (
    <EChart
      option={option}
      ariaLabel={t('public.trendChartLabel', { unit: unitName })}
      height={280}
    />
  );
}
