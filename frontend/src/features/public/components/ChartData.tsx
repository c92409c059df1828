import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import '../charts.css';

/** A chart's figures as a table, folded under the chart (open for keyboard and screen readers alike). */
export function ChartData({ caption, children }: { caption: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="chart-data">
      <summary>{t('public.chartData')}</summary>
      <div className="chart-data-scroll">
        <table className="data-table">
          <caption>{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}
