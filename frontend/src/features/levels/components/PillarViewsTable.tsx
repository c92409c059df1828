import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { formatIndex } from '../format';
import type { PillarViewLike } from '../types';

interface PillarViewsTableProps {
  views: readonly PillarViewLike[];
  label: string;
}

/** A unit's pillar views (trụ cột): index and points of each; a row with a formula opens it. */
export function PillarViewsTable({ views, label }: PillarViewsTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formula = (view: PillarViewLike) =>
    localized(language, view.formula_vi ?? '', view.formula_en ?? '');
  const columns: TableColumnsType<PillarViewLike> = [
    {
      key: 'view',
      title: t('levels.pillarView'),
      render: (_: unknown, view) => localized(language, view.name_vi, view.name_en),
    },
    {
      key: 'index',
      title: t('levels.index'),
      width: 110,
      align: 'end',
      render: (_: unknown, view) => formatIndex(view.index, language),
    },
    {
      key: 'points',
      title: t('levels.points'),
      width: 150,
      align: 'end',
      render: (_: unknown, view) =>
        t('levels.pointsOfMax', {
          points: formatPoints(view.points, language),
          max: formatPoints(view.max_points, language),
        }),
    },
  ];
  return (
    <Table<PillarViewLike>
      size="small"
      rowKey="code"
      className="pillar-views"
      columns={columns}
      dataSource={[...views]}
      pagination={false}
      scroll={{ x: 480 }}
      aria-label={label}
      expandable={
        views.some((view) => formula(view) !== '')
          ? {
              rowExpandable: (view) => formula(view) !== '',
              expandedRowRender: (view) => (
                <Typography.Paragraph className="pillar-view-formula">
                  {formula(view)}
                </Typography.Paragraph>
              ),
            }
          : undefined
      }
    />
  );
}
