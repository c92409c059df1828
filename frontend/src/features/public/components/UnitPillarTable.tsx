import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicUnitPillar } from '../api/public';
import { formatIndex } from '../format';

/** The radar's figures: each pillar's points, index, and the group's average index. */
export function UnitPillarTable({
  pillars,
  label,
}: {
  pillars: readonly PublicUnitPillar[];
  label: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: TableColumnsType<PublicUnitPillar> = [
    {
      key: 'pillar',
      title: t('public.pillar'),
      render: (_: unknown, pillar) =>
        `${pillar.code}. ${localized(language, pillar.name_vi, pillar.name_en)}`,
    },
    {
      key: 'points',
      title: t('public.points'),
      width: 140,
      align: 'end',
      render: (_: unknown, pillar) =>
        t('public.pointsOfMax', {
          points: formatPoints(pillar.points, language),
          max: formatPoints(pillar.max_points, language),
        }),
    },
    {
      key: 'index',
      title: t('public.index'),
      width: 100,
      align: 'end',
      render: (_: unknown, pillar) => formatIndex(pillar.index, language),
    },
    {
      key: 'average',
      title: t('public.groupAverageIndex'),
      width: 140,
      align: 'end',
      render: (_: unknown, pillar) => formatIndex(pillar.group_average_index, language),
    },
  ];
  return (
    <Table<PublicUnitPillar>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={[...pillars]}
      pagination={false}
      scroll={{ x: 560 }}
      aria-label={label}
    />
  );
}
