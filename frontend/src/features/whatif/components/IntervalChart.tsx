/**
 * Each unit's rank interval as a horizontal box: best rank, 5–95 % interval, median, worst rank,
 * and a dot at its current rank. Apache ECharts with only the parts it draws registered; the
 * module loads with the what-if page alone. Tests replace it (jsdom has no canvas).
 */
import type { BoxplotSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { BoxplotChart, ScatterChart } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, TooltipComponent } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

echarts.use([BoxplotChart, ScatterChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  BoxplotSeriesOption | ScatterSeriesOption | GridComponentOption | TooltipComponentOption
>;

export interface IntervalRow {
  label: string;
  rank: number | null;
  best: number;
  low: number;
  median: number;
  high: number;
  worst: number;
}

interface IntervalChartProps {
  rows: readonly IntervalRow[];
  /** What the chart shows, for screen readers (the figures are in the table beside it). */
  ariaLabel: string;
  names: { axis: string; base: string; interval: string };
}

/** Draws the intervals into a div as wide as its parent, one line per unit. */
export function IntervalChart({ rows, ariaLabel, names }: IntervalChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const height = 60 + rows.length * 26;

  const option = useMemo<Option>(() => {
    const worst = Math.max(1, ...rows.map((row) => row.worst));
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      grid: { left: 8, right: 24, top: 12, bottom: 32, containLabel: true },
      xAxis: { type: 'value', name: names.axis, min: 1, max: worst, minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => row.label),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        {
          name: names.interval,
          type: 'boxplot',
          data: rows.map((row) => [row.best, row.low, row.median, row.high, row.worst]),
          itemStyle: { color: '#d6e4ff', borderColor: '#1d39c4' },
        },
        {
          name: names.base,
          type: 'scatter',
          symbolSize: 8,
          itemStyle: { color: '#cf1322' },
          data: rows.flatMap((row) => (row.rank === null ? [] : [[row.rank, row.label]])),
        },
      ],
    };
  }, [rows, names]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    chart.current?.resize();
  }, [option]);

  return (
    <div
      ref={container}
      className="whatif-chart"
      role="img"
      aria-label={ariaLabel}
      style={{ height }}
    />
  );
}
