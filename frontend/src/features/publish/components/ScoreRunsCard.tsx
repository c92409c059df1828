import {
  DiffOutlined,
  OrderedListOutlined,
  FileExcelOutlined,
  GlobalOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Flex, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ProblemAlert } from '@/components/ProblemAlert';
import { runResultsPath } from '@/config/paths';
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
import { PublishedTag } from './RunKindTag';
import { ComputeRunButton, ScoreRunsTable } from './ScoreRunsTable';

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
  const oldest = runs.data?.at(-1);

  const actions: TableColumnsType<ScoreRun> = [
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

  return (
    <Card title={<h2 className="card-heading">{t('publish.runs.title')}</h2>}>
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('publish.runs.intro')}
        </Typography.Paragraph>
        <Space wrap>
          <ComputeRunButton
            kind="draft"
            compute={compute}
            primary={false}
            confirm={t('publish.runs.confirmDraft')}
          >
            {t('publish.runs.draft')}
          </ComputeRunButton>
          <ComputeRunButton
            kind="final"
            compute={compute}
            primary
            confirm={t('publish.runs.confirmFinal')}
          >
            {t('publish.runs.final')}
          </ComputeRunButton>
        </Space>
        {compute.isError ? <ProblemAlert error={compute.error} /> : null}
        <ScoreRunsTable
          runs={runs}
          className="publish-runs"
          pageSize={10}
          tags={(run) =>
            versionsOf.has(run.id) ? <PublishedTag versions={versionsOf.get(run.id) ?? []} /> : null
          }
          extra={actions}
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
