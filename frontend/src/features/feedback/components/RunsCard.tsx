import { CalculatorOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import { useCreateScoreRun, useScoreRuns } from '@/features/publish';
import { formatDateTime } from '@/lib/format';

import type { RunKind, ScoreRun } from '../api/feedback';

const KIND_COLOURS: Record<RunKind, string> = {
  draft: 'default',
  preliminary: 'processing',
  final: 'success',
};

/** Tính điểm: the round's score runs, and computing a preliminary (shared) or a final one. */
export function RunsCard({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const runs = useScoreRuns(roundId);
  const compute = useCreateScoreRun(roundId, {
    onSuccess: (row) => {
      void message.success(
        t('feedback.runDone', { kind: t(`feedback.runKinds.${row.kind}`), id: row.id }),
      );
    },
  });

  const columns: TableColumnsType<ScoreRun> = [
    { key: 'id', title: t('feedback.runId'), dataIndex: 'id', width: 70 },
    {
      key: 'kind',
      title: t('feedback.runKind'),
      render: (_: unknown, run) => (
        <>
          <Tag color={KIND_COLOURS[run.kind]}>{t(`feedback.runKinds.${run.kind}`)}</Tag>
          {run.shared_with_units ? (
            <Typography.Text type="secondary">{t('feedback.runShared')}</Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'time',
      title: t('feedback.runAtColumn'),
      dataIndex: 'created_at',
      render: (value: string) => formatDateTime(value),
    },
    { key: 'by', title: t('feedback.runBy'), dataIndex: 'created_by' },
    { key: 'units', title: t('feedback.runUnits'), dataIndex: 'unit_count', width: 100 },
    {
      key: 'hash',
      title: t('feedback.runHash'),
      dataIndex: 'input_hash',
      render: (value: string) => <code title={value}>{value.slice(0, 12)}</code>,
    },
  ];

  const button = (kind: 'preliminary' | 'final', primary: boolean) => (
    <Popconfirm
      title={t(kind === 'preliminary' ? 'feedback.confirmPreliminary' : 'feedback.confirmFinal')}
      okText={t('feedback.runConfirm')}
      cancelText={t('common.cancel')}
      onConfirm={() => compute.mutate(kind)}
    >
      <Button
        type={primary ? 'primary' : 'default'}
        icon={<CalculatorOutlined aria-hidden />}
        loading={compute.isPending && compute.variables === kind}
        disabled={compute.isPending}
      >
        {t(kind === 'preliminary' ? 'feedback.runPreliminary' : 'feedback.runFinal')}
      </Button>
    </Popconfirm>
  );

  return (
    <Card title={<h2 className="card-heading">{t('feedback.runsTitle')}</h2>}>
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('feedback.runsIntro')}
        </Typography.Paragraph>
        <Space wrap>
          {button('preliminary', true)}
          {button('final', false)}
        </Space>
        {compute.isError ? <ProblemAlert error={compute.error} /> : null}
        {runs.isError ? (
          <ProblemAlert error={runs.error} onRetry={() => void runs.refetch()} />
        ) : null}
        <Table<ScoreRun>
          size="small"
          rowKey="id"
          className="score-runs"
          loading={runs.isFetching}
          columns={columns}
          dataSource={runs.data ?? []}
          pagination={{ pageSize: 5, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('feedback.noRuns')}</Typography.Text>,
          }}
          scroll={{ x: 720 }}
        />
      </Flex>
    </Card>
  );
}
