import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { publicResultsPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicUnitEntry } from '../api/public';
import { formatIndex } from '../format';

interface UnitHistoryTableProps {
  history: readonly PublicUnitEntry[];
  /** The unit's code today: an entry under another code is a predecessor's. */
  unitCode: string;
  label: string;
}

/** The unit's published results, one row per round (the trend chart's figures). */
export function UnitHistoryTable({ history, unitCode, label }: UnitHistoryTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: TableColumnsType<PublicUnitEntry> = [
    {
      key: 'year',
      title: t('public.year'),
      width: 80,
      render: (_: unknown, entry) => entry.round.year,
    },
    {
      key: 'round',
      title: t('public.round'),
      render: (_: unknown, entry) => (
        <>
          <Link to={publicResultsPath({ round: entry.round.id, group: entry.group.code })}>
            {localized(language, entry.round.title_vi, entry.round.title_en)}
          </Link>
          {entry.unit_code !== unitCode ? (
            <div className="history-as">
              {t('public.asPredecessor', {
                unit: localized(language, entry.unit_name_vi, entry.unit_name_en),
                code: entry.unit_code,
              })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: 'group',
      title: t('public.group'),
      render: (_: unknown, entry) => localized(language, entry.group.name_vi, entry.group.name_en),
    },
    {
      key: 'rank',
      title: t('public.rank'),
      width: 90,
      align: 'center',
      render: (_: unknown, entry) =>
        t('public.rankOf', { rank: entry.rank, total: entry.group.unit_count }),
    },
    {
      key: 'points',
      title: t('public.points'),
      width: 150,
      align: 'end',
      render: (_: unknown, entry) =>
        t('public.pointsOfMax', {
          points: formatPoints(entry.points, language),
          max: formatPoints(entry.max_points, language),
        }),
    },
    {
      key: 'index',
      title: t('public.index'),
      width: 100,
      align: 'end',
      render: (_: unknown, entry) => formatIndex(entry.index, language),
    },
  ];
  return (
    <Table<PublicUnitEntry>
      size="small"
      rowKey={(entry) => `${entry.round.id}`}
      className="history-table"
      columns={columns}
      dataSource={[...history].reverse()}
      pagination={false}
      scroll={{ x: 640 }}
      aria-label={label}
    />
  );
}
