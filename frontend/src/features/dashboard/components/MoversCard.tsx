import { Alert, Card, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { ProblemAlert } from '@/components/ProblemAlert';
import { publicUnitPath } from '@/config/paths';
import { LevelBadge, formatLevelIndex } from '@/features/levels';
import type { PublicGroup, RankChange } from '@/features/public';
import { RankChangeTag } from '@/features/public';
import { localized, useLanguage } from '@/i18n';

import type { Mover } from '../figures';
import { movers } from '../figures';

import type { Comparison } from './GroupResults';

/** How many risers and fallers are listed. */
const LIMIT = 5;

interface MoversCardProps {
  group: PublicGroup;
  roundId: number;
  comparison: Comparison;
  changes?: { year: number; byUnit: ReadonlyMap<string, RankChange> };
}

/** The units of the group whose rank rose most, and fell most, since the previous year. */
export function MoversCard({ group, roundId, comparison, changes }: MoversCardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = localized(language, group.name_vi, group.name_en);

  let body;
  if (comparison.state === 'none') {
    body = <Alert type="info" showIcon title={t('dashboard.movers.noPrevious')} />;
  } else if (comparison.state === 'failed') {
    body = <ProblemAlert error={comparison.error} onRetry={comparison.retry} />;
  } else if (!changes) {
    body = <FullPageSpin label={t('dashboard.movers.loading')} />;
  } else {
    const { up, down, newCount } = movers(group, changes.byUnit, LIMIT);
    body = (
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('dashboard.movers.intro', { year: changes.year, limit: LIMIT })}
          {newCount > 0 ? <> {t('dashboard.movers.newUnits', { count: newCount })}</> : null}
        </Typography.Paragraph>
        <MoverTable
          heading={t('dashboard.movers.up')}
          label={t('dashboard.movers.upLabel', { group: name, year: changes.year })}
          empty={t('dashboard.movers.noneUp', { year: changes.year })}
          rows={up}
          roundId={roundId}
          group={group}
          year={changes.year}
        />
        <MoverTable
          heading={t('dashboard.movers.down')}
          label={t('dashboard.movers.downLabel', { group: name, year: changes.year })}
          empty={t('dashboard.movers.noneDown', { year: changes.year })}
          rows={down}
          roundId={roundId}
          group={group}
          year={changes.year}
        />
      </Flex>
    );
  }

  return (
    <Card
      style={{ height: '100%' }}
      title={<h2 className="card-heading">{t('dashboard.movers.title', { group: name })}</h2>}
    >
      {body}
    </Card>
  );
}

interface MoverTableProps {
  heading: string;
  label: string;
  empty: string;
  rows: Mover[];
  roundId: number;
  group: PublicGroup;
  year: number;
}

function MoverTable({ heading, label, empty, rows, roundId, group, year }: MoverTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const levelOrder = (group.level_counts ?? []).map((count) => count.code);
  const hasLevels = group.rankings.some((ranking) => ranking.level);

  const columns: TableColumnsType<Mover> = [
    {
      key: 'change',
      title: t('dashboard.movers.change', { year }),
      width: 100,
      align: 'center',
      render: (_: unknown, row) => <RankChangeTag change={row.change} than={{ year }} />,
    },
    {
      key: 'rank',
      title: t('dashboard.movers.rank'),
      width: 64,
      align: 'center',
      render: (_: unknown, row) => row.ranking.rank,
    },
    {
      key: 'unit',
      title: t('dashboard.movers.unit'),
      render: (_: unknown, row) => (
        <Link to={publicUnitPath(row.ranking.unit_code, roundId)}>
          {localized(language, row.ranking.unit_name_vi, row.ranking.unit_name_en)}
        </Link>
      ),
    },
    {
      key: 'index',
      title: t('dashboard.movers.index'),
      width: 90,
      align: 'end',
      render: (_: unknown, row) => formatLevelIndex(row.ranking.index, language),
    },
    ...(hasLevels
      ? [
          {
            key: 'level',
            title: t('dashboard.movers.level'),
            width: 130,
            render: (_: unknown, row: Mover) => (
              <LevelBadge level={row.ranking.level} order={levelOrder} />
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Typography.Title level={3} className="card-heading" style={{ marginBottom: 8 }}>
        {heading}
      </Typography.Title>
      <Table<Mover>
        size="small"
        rowKey={(row) => row.ranking.unit_code}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 480 }}
        aria-label={label}
        locale={{ emptyText: empty }}
      />
    </div>
  );
}
