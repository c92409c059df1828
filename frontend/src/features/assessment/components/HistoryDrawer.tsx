import { Drawer, Table } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';

import type { AnswerChange } from '@/api/types';
import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/format';

import { useAnswerHistory } from '../api/assessment';

const SOURCES = ['unit', 'provider', 'reviewer'] as const;

interface HistoryDrawerProps {
  roundId: number;
  unitCode: string;
  /** The indicator whose history is shown (null: closed). */
  indicatorCode: string | null;
  /** An input's name as the page labels it. */
  inputLabel: (code: string, name: string) => string;
  onClose: () => void;
}

/** Every change of one answer: when, who, which input, from which source, old and new value. */
export function HistoryDrawer({
  roundId,
  unitCode,
  indicatorCode,
  inputLabel,
  onClose,
}: HistoryDrawerProps) {
  const { t } = useTranslation();
  const history = useAnswerHistory(roundId, unitCode, indicatorCode);

  const show = (value: unknown) => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : JSON.stringify(value);
  };
  const source = (value: string) => {
    const known = SOURCES.find((candidate) => candidate === value);
    return known ? t(`assessment.historySources.${known}`) : value;
  };

  const columns: TableProps<AnswerChange>['columns'] = [
    {
      key: 'at',
      title: t('assessment.historyAt'),
      render: (_, row) => formatDateTime(row.at),
      width: 150,
    },
    { key: 'actor', title: t('assessment.historyActor'), dataIndex: 'actor' },
    {
      key: 'field',
      title: t('assessment.historyField'),
      render: (_, row) =>
        row.field === 'note'
          ? t('assessment.note')
          : inputLabel(indicatorCode ?? '', row.field.replace(/^inputs\./, '')),
    },
    { key: 'source', title: t('assessment.historySource'), render: (_, row) => source(row.source) },
    { key: 'old', title: t('assessment.historyOld'), render: (_, row) => show(row.old) },
    { key: 'new', title: t('assessment.historyNew'), render: (_, row) => show(row.new) },
  ];

  return (
    <Drawer
      open={indicatorCode !== null}
      onClose={onClose}
      size="large"
      title={t('assessment.historyTitle', { code: indicatorCode ?? '' })}
      closable={{ 'aria-label': t('common.close') }}
    >
      {history.isError ? (
        <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Table<AnswerChange>
          rowKey={(row) => `${row.at}-${row.field}-${row.source}`}
          size="small"
          columns={columns}
          dataSource={[...(history.data ?? [])].reverse()}
          loading={history.isFetching}
          pagination={false}
          locale={{ emptyText: t('assessment.historyEmpty') }}
          scroll={{ x: 700 }}
        />
      )}
    </Drawer>
  );
}
