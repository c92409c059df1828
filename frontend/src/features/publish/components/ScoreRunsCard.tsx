import {
  CalculatorOutlined,
  DiffOutlined,
  OrderedListOutlined,
  FileExcelOutlined,
  GlobalOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ProblemAlert } from '@/components/ProblemAlert';
import { runResultsPath } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import { notifyError } from '@/lib/notify';
import { problemMessage } from '@/lib/problem-message';

import {
  downloadRunReport,
  useCreateScoreRun,
  usePublications,
  useScoreRuns,
} from '../api/publish';
import type { ScoreRun } from '../api/publish';

import { DiffDrawer } from './DiffDrawer';
import { PublishModal } from './PublishModal';
import { PublishedTag, RunKindTag } from './RunKindTag';

type ComputedKind = 'draft' | 'final';

interface ScoreRunsCardProps {
  roundId: number;
  /** Whether the user may publish (approver, admin); the API checks too. */
  canPublish: boolean;
}

/**
 * «Tính điểm»: the round's runs; computing a draft or a final one; comparing a run with the one
 * before; the national tables as Excel; and publishing a final run.
 */
export function ScoreRunsCard({ roundId, canPublish }: ScoreRunsCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const runs = useScoreRuns(roundId);
  const publications = usePublications(roundId);
  const [compared, setCompared] = useState<ScoreRun | null>(null);
  const [publishing, setPublishing] = useState<ScoreRun | null>(null);
  const [downloading, setDownloading] = useState<number | null>(null);

  const compute = useCreateScoreRun(roundId, {
    onSuccess: (run) => {
      void message.success(
        t('publish.runs.done', { kind: t(`publish.runs.kinds.${run.kind}`), id: run.id }),
      );
    },
  });

  const download = async (run: ScoreRun) => {
    setDownloading(run.id);
    try {
      await downloadRunReport(roundId, run.id);
    } catch (error) {
      notifyError({ title: t('errors.title'), description: problemMessage(error, t) });
    } finally {
      setDownloading(null);
    }
  };

  const published = publications.data ?? [];
  const versionsOf = new Map<number, number[]>();
  for (const publication of [...published].reverse()) {
    versionsOf.set(publication.score_run_id, [
      ...(versionsOf.get(publication.score_run_id) ?? []),
      publication.version,
    ]);
  }
  // The API refuses to publish the run that is public now again (a correction needs a new run).
  const current = published[0];
  const nextVersion = (current?.version ?? 0) + 1;
  const list = runs.data ?? [];
  const oldest = list.at(-1);

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
          {versionsOf.has(run.id) ? <PublishedTag versions={versionsOf.get(run.id) ?? []} /> : null}
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
    {
      key: 'actions',
      title: t('publish.runs.actions'),
      render: (_: unknown, run) => (
        <Space size="small" wrap>
          <Button
            size="small"
            icon={<OrderedListOutlined aria-hidden />}
            aria-label={t('publish.runs.rankingsLabel', { id: run.id })}
            onClick={() => void navigate(runResultsPath(roundId, run.id))}
          >
            {t('publish.runs.rankings')}
          </Button>
          <Button
            size="small"
            icon={<DiffOutlined aria-hidden />}
            aria-label={t('publish.runs.compareLabel', { id: run.id })}
            disabled={run.id === oldest?.id}
            onClick={() => setCompared(run)}
          >
            {t('publish.runs.compare')}
          </Button>
          <Button
            size="small"
            icon={<FileExcelOutlined aria-hidden />}
            aria-label={t('publish.runs.reportLabel', { id: run.id })}
            loading={downloading === run.id}
            onClick={() => void download(run)}
          >
            {t('publish.runs.report')}
          </Button>
          {canPublish && run.kind === 'final' && run.id !== current?.score_run_id ? (
            <Button
              size="small"
              type="primary"
              icon={<GlobalOutlined aria-hidden />}
              aria-label={t('publish.runs.publishLabel', { id: run.id })}
              onClick={() => setPublishing(run)}
            >
              {t('publish.runs.publish')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const button = (kind: ComputedKind) => (
    <Popconfirm
      title={t(kind === 'draft' ? 'publish.runs.confirmDraft' : 'publish.runs.confirmFinal')}
      okText={t('publish.runs.confirmOk')}
      cancelText={t('common.cancel')}
      onConfirm={() => compute.mutate(kind)}
    >
      <Button
        type={kind === 'final' ? 'primary' : 'default'}
        icon={<CalculatorOutlined aria-hidden />}
        loading={compute.isPending && compute.variables === kind}
        disabled={compute.isPending}
      >
        {t(kind === 'draft' ? 'publish.runs.draft' : 'publish.runs.final')}
      </Button>
    </Popconfirm>
  );

  return (
    <Card title={<h2 className="card-heading">{t('publish.runs.title')}</h2>}>
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('publish.runs.intro')}
        </Typography.Paragraph>
        <Space wrap>
          {button('draft')}
          {button('final')}
        </Space>
        {compute.isError ? <ProblemAlert error={compute.error} /> : null}
        {runs.isError ? (
          <ProblemAlert error={runs.error} onRetry={() => void runs.refetch()} />
        ) : null}
        <Table<ScoreRun>
          size="small"
          rowKey="id"
          className="publish-runs"
          loading={runs.isFetching}
          columns={columns}
          dataSource={list}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <Typography.Text type="secondary">{t('publish.runs.empty')}</Typography.Text>
            ),
          }}
          scroll={{ x: 900 }}
        />
      </Flex>
      <DiffDrawer roundId={roundId} run={compared} onClose={() => setCompared(null)} />
      <PublishModal
        roundId={roundId}
        run={publishing}
        nextVersion={nextVersion}
        onClose={() => setPublishing(null)}
      />
    </Card>
  );
}
