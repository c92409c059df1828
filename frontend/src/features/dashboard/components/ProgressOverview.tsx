import { Card, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Round } from '@/api/types';
import { FullPageSpin } from '@/components/FullPageSpin';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { GroupSummary, formatPercentNumber, useProgress } from '@/features/progress';
import { useUnitGroups } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import type { StatusCounts } from '../figures';
import { STATUSES, statusCounts, totalCounts } from '../figures';

interface StatusRow {
  key: string;
  name: string;
  units: number;
  submitted: number;
  counts: StatusCounts;
}

/** The round's progress: units per status in each group, the share submitted, and each group's
 * summary as the Progress page shows it. */
export function ProgressOverview({ round }: { round: Round }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const progress = useProgress(round.id);
  const groups = useUnitGroups();

  const groupName = (code: string) => {
    const found = groups.data?.find((candidate) => candidate.code === code);
    return found ? localized(language, found.name_vi, found.name_en) : code;
  };

  const title = <h2 className="card-heading">{t('dashboard.progress.title')}</h2>;
  const link = <Link to={PATHS.progress}>{t('dashboard.progress.open')}</Link>;

  if (progress.isError) {
    return (
      <Card title={title} extra={link}>
        <ProblemAlert error={progress.error} onRetry={() => void progress.refetch()} />
      </Card>
    );
  }
  if (!progress.data) {
    return (
      <Card title={title} extra={link}>
        <FullPageSpin label={t('dashboard.progress.loading')} />
      </Card>
    );
  }

  const data = progress.data;
  const byGroup = statusCounts(data.units);
  const rows: StatusRow[] = data.groups.map((group) => ({
    key: group.group,
    name: groupName(group.group),
    units: group.units,
    submitted: group.submitted,
    counts: byGroup.get(group.group) ?? totalCounts([]),
  }));
  const total: StatusRow = {
    key: '',
    name: t('dashboard.progress.allGroups'),
    units: rows.reduce((sum, row) => sum + row.units, 0),
    submitted: rows.reduce((sum, row) => sum + row.submitted, 0),
    counts: totalCounts(rows.map((row) => row.counts)),
  };
  const share = (row: StatusRow) =>
    t('progress.percent', {
      value: formatPercentNumber(row.units > 0 ? (row.submitted / row.units) * 100 : 0, language),
    });

  const columns: TableColumnsType<StatusRow> = [
    { key: 'group', title: t('dashboard.progress.group'), dataIndex: 'name' },
    {
      key: 'units',
      title: t('dashboard.progress.units'),
      dataIndex: 'units',
      align: 'end',
      width: 90,
    },
    ...STATUSES.map((status) => ({
      key: status,
      title: t(`assessment.statuses.${status}`),
      align: 'end' as const,
      width: 120,
      render: (_: unknown, row: StatusRow) => row.counts[status],
    })),
    {
      key: 'share',
      title: t('dashboard.progress.submittedShare'),
      align: 'end',
      width: 110,
      render: (_: unknown, row) => share(row),
    },
  ];

  return (
    <>
      <Card title={title} extra={link}>
        {data.groups.length === 0 ? (
          <Typography.Paragraph>{t('dashboard.progress.empty')}</Typography.Paragraph>
        ) : (
          <Flex vertical gap="middle">
            <Typography.Text>
              {t('dashboard.progress.asOf', { date: formatDate(data.as_of) })}
            </Typography.Text>
            <Table<StatusRow>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 900 }}
              loading={progress.isFetching && progress.isPlaceholderData}
              aria-label={t('dashboard.progress.tableLabel')}
              summary={() =>
                rows.length > 1 ? (
                  <Table.Summary.Row className="dashboard-total-row">
                    <Table.Summary.Cell index={0}>{total.name}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="end">
                      {total.units}
                    </Table.Summary.Cell>
                    {STATUSES.map((status, position) => (
                      <Table.Summary.Cell key={status} index={position + 2} align="end">
                        {total.counts[status]}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={STATUSES.length + 2} align="end">
                      {share(total)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Flex>
        )}
      </Card>
      {data.groups.length > 0 ? <GroupSummary groups={data.groups} groupName={groupName} /> : null}
    </>
  );
}
