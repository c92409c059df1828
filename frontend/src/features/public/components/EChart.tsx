/**
 * A small Apache ECharts wrapper: only the charts and components the public pages use are
 * registered (tree shaking keeps the rest out), and this module loads only with those pages.
 * Tests replace it (vi.mock in src/test/setup.ts): jsdom has no canvas.
 */
import type { BarSeriesOption, LineSeriesOption, RadarSeriesOption } from 'echarts/charts';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import {
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
} from 'echarts/components';
import type { ComposeOption, ECharts } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

import '../charts.css';

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
>;

/** Ten distinguishable colours (Tableau 10), one per pillar. */
export const CHART_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the data is also given as a table). */
  ariaLabel: string;
  height: number;
}

/** Draws `option` into a div sized by its parent's width; redraws on change and on resize. */
export function EChart({ option, ariaLabel, height }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

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
  }, [option]);

  return (
    <div
      ref={container}
      className="public-chart"
      role="img"
      aria-label={ariaLabel}
      style={{ height }}
    />
  );
}
