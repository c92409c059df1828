import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { formatDateTime } from '@/lib/format';

import type { RunKind, ScoreRun, useCreateScoreRun, useScoreRuns } from '../api/publish';

import { RunKindTag } from './RunKindTag';

interface ScoreRunsTableProps {
  runs: ReturnType<typeof useScoreRuns>;
  /** The table's class, for the page's tests and styles. */
  className: string;
  pageSize: number;
  /** Shown after a run's kind (the versions it was published as, on the publish page). */
  tags?: (run: ScoreRun) => ReactNode;
  /** Columns after the common ones (what may be done with a run). */
  extra?: TableColumnsType<ScoreRun>;
}

/**
 * A round's score runs, newest first: number, kind, when, by whom, how many units, and the start
 * of the input fingerprint (two runs of the same figures share it). Used where DIC computes runs:
 * the units' feedback page (preliminary and final) and the publish page (draft and final).
 */
export function ScoreRunsTable({ runs, className, pageSize, tags, extra }: ScoreRunsTableProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ScoreRun> = [
    {
      key: 'id',
      title: t('publish.runs.id'),
      dataIndex: 'id',
      width: 80,
      render: (id: number) => `#${id}`,
    },
    {
      key: 'kind',
      title: t('publish.runs.kind'),
      render: (_: unknown, run) => (
        <Space size={4} wrap>
          <RunKindTag kind={run.kind} />
          {tags?.(run)}
          {run.shared_with_units ? (
            <Typography.Text type="secondary">{t('publish.runs.shared')}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'time',
      title: t('publish.runs.time'),
      dataIndex: 'created_at',
      render: (value: string) => formatDateTime(value),
    },
    { key: 'by', title: t('publish.runs.by'), dataIndex: 'created_by' },
    { key: 'units', title: t('publish.runs.units'), dataIndex: 'unit_count', width: 90 },
    {
      key: 'hash',
      title: t('publish.runs.hash'),
      dataIndex: 'input_hash',
      render: (value: string) => (
        <code title={t('publish.runs.hashFull', { hash: value })}>{value.slice(0, 12)}</code>
      ),
    },
    ...(extra ?? []),
  ];
  return (
    <>
      {runs.isError ? (
        <ProblemAlert error={runs.error} onRetry={() => void runs.refetch()} />
      ) : null}
      <Table<ScoreRun>
        size="small"
        rowKey="id"
        className={className}
        loading={runs.isFetching}
        columns={columns}
        dataSource={runs.data ?? []}
        pagination={{ pageSize, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{
          emptyText: <Typography.Text type="secondary">{t('publish.runs.empty')}</Typography.Text>,
        }}
        scroll={{ x: extra?.length ? 900 : 720 }}
      />
    </>
  );
}

interface ComputeRunButtonProps {
  kind: RunKind;
  compute: ReturnType<typeof useCreateScoreRun>;
  primary: boolean;
  /** The question asked before computing. */
  confirm: string;
  children: ReactNode;
}

/** Computes a run of ``kind`` once confirmed; busy while any run of the round is computing. */
export function ComputeRunButton({
  kind,
  compute,
  primary,
  confirm,
  children,
}: ComputeRunButtonProps) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={confirm}
      okText={t('publish.runs.confirmOk')}
      cancelText={t('common.cancel')}
      onConfirm={() => compute.mutate(kind)}
    >
      <Button
        type={primary ? 'primary' : 'default'}
        icon={<CalculatorOutlined aria-hidden />}
        loading={compute.isPending && compute.variables === kind}
        disabled={compute.isPending}
      >
        {children}
      </Button>
    </Popconfirm>
  );
}
