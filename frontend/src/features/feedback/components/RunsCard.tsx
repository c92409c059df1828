import { App, Card, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemAlert } from '@/components/ProblemAlert';
import {
  ComputeRunButton,
  ScoreRunsTable,
  useCreateScoreRun,
  useScoreRuns,
} from '@/features/publish';

/** Tính điểm: the round's score runs, and computing a preliminary (shared) or a final one. */
export function RunsCard({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const runs = useScoreRuns(roundId);
  const compute = useCreateScoreRun(roundId, {
    onSuccess: (row) => {
      void message.success(
        t('feedback.runDone', { kind: t(`publish.runs.kinds.${row.kind}`), id: row.id }),
      );
    },
  });

  return (
    <Card title={<h2 className="card-heading">{t('feedback.runsTitle')}</h2>}>
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('feedback.runsIntro')}
        </Typography.Paragraph>
        <Space wrap>
          <ComputeRunButton
            kind="preliminary"
            compute={compute}
            primary
            confirm={t('feedback.confirmPreliminary')}
          >
            {t('feedback.runPreliminary')}
          </ComputeRunButton>
          <ComputeRunButton
            kind="final"
            compute={compute}
            primary={false}
            confirm={t('feedback.confirmFinal')}
          >
            {t('feedback.runFinal')}
          </ComputeRunButton>
        </Space>
        {compute.isError ? <ProblemAlert error={compute.error} /> : null}
        <ScoreRunsTable runs={runs} className="score-runs" pageSize={5} />
      </Flex>
    </Card>
  );
}
