import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicUnitEntry } from '../api/public';
import { formatIndex } from '../format';

type CriterionPoints = PublicUnitEntry['criteria'][number];

interface UnitCriteriaTableProps {
  criteria: readonly CriterionPoints[];
  /** A criterion's name by code (from the round's framework), when it has loaded. */
  nameOf: (code: string) => string | undefined;
  label: string;
}

/** Points per criterion in one round, in the framework's order; pillars in bold. */
export function UnitCriteriaTable({ criteria, nameOf, label }: UnitCriteriaTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: TableColumnsType<CriterionPoints> = [
    {
      key: 'criterion',
      title: t('public.criterion'),
      render: (_: unknown, criterion) => {
        const depth = criterion.code.split('.').length - 1;
        const name = nameOf(criterion.code);
        const text = name ? `${criterion.code} ${name}` : criterion.code;
        return (
          <span
            style={{ paddingInlineStart: depth * 16 }}
            className={depth === 0 ? 'criterion-pillar' : undefined}
          >
            {text}
          </span>
        );
      },
    },
    {
      key: 'points',
      title: t('public.points'),
      width: 140,
      align: 'end',
      render: (_: unknown, criterion) =>
        t('public.pointsOfMax', {
          points: formatPoints(criterion.points, language),
          max: formatPoints(criterion.max_points, language),
        }),
    },
    {
      key: 'index',
      title: t('public.index'),
      width: 100,
      align: 'end',
      render: (_: unknown, criterion) => formatIndex(criterion.index, language),
    },
  ];
  return (
    <Table<CriterionPoints>
      size="small"
      rowKey="code"
      className="unit-criteria-table"
      columns={columns}
      dataSource={[...criteria]}
      pagination={false}
      scroll={{ x: 560 }}
      aria-label={label}
    />
  );
}
