import { Alert, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { publicResultsPath } from '@/config/paths';
import { useMe } from '@/features/auth';
import { FrameworkNotice } from '@/features/frameworks';
import { PillarViewsTable } from '@/features/levels';
import { useSelectedRound } from '@/features/rounds';

import { useUnitFeedback, useUnitResult } from '../api/feedback';
import { CriteriaTable } from '../components/CriteriaTable';
import { FileFeedbackModal } from '../components/FileFeedbackModal';
import { UnitFeedbackTable } from '../components/UnitFeedbackTable';
import { UnitTotalCard } from '../components/UnitTotalCard';
import { WindowLine } from '../components/WindowLine';

/**
 * Kết quả sơ bộ và giải trình: the unit's results in the run shared with units, how each
 * indicator's points came about, and its feedback (giải trình) while the window is open.
 */
export default function ResultsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const selected = useSelectedRound();
  const round = selected.round;
  const unitCode = me.data?.unit_code ?? undefined;
  const feedback = useUnitFeedback(round?.id, unitCode);
  // Once the round's results are published, the unit sees the published ones (issue 18); until
  // then, the preliminary run shared with units.
  const publishedVersion = feedback.data?.published_version ?? null;
  const runId = feedback.data?.published_run_id ?? feedback.data?.run_id;
  const result = useUnitResult(round?.id, runId, unitCode);
  const [filing, setFiling] = useState<{ code: string; name: string } | null>(null);

  const title = t('feedback.resultsTitle');
  if (me.isPending || selected.isPending) return <FullPageSpin />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!unitCode || !round) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <Alert type="info" showIcon title={!unitCode ? t('feedback.noUnit') : t('rounds.none')} />
      </>
    );
  }
  const failed = [feedback, result].find((query) => query.isError);
  if (failed) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} />
      </>
    );
  }
  if (!feedback.data) return <FullPageSpin />;
  if (runId === null || runId === undefined) {
    return (
      <>
        <PageTitle description={t('feedback.resultsIntro')}>{title}</PageTitle>
        <Alert type="info" showIcon title={t('feedback.noResults')} />
      </>
    );
  }
  if (!result.data) return <FullPageSpin />;

  const names = new Map(result.data.nodes.map((node) => [node.code, node.name_vi ?? node.code]));
  const published = publishedVersion !== null;
  return (
    <>
      <PageTitle
        description={
          published
            ? t('feedback.publishedIntro', { version: publishedVersion })
            : t('feedback.resultsIntro')
        }
      >
        {published ? t('feedback.publishedTitle') : title}
      </PageTitle>
      <Flex vertical gap="large">
        <FrameworkNotice frameworkId={round.framework_id} />
        {published ? (
          <Alert
            type="success"
            showIcon
            title={t('feedback.publishedNotice', { version: publishedVersion })}
            description={
              <Link to={publicResultsPath({ round: round.id })}>{t('feedback.publicLink')}</Link>
            }
          />
        ) : null}
        <UnitTotalCard result={result.data} published={published} />
        {result.data.pillar_views?.length ? (
          <Card title={<h2 className="card-heading">{t('levels.pillarViewsTitle')}</h2>}>
            <PillarViewsTable
              views={result.data.pillar_views}
              label={t('levels.pillarViewsLabel', { unit: result.data.unit_name_vi })}
            />
          </Card>
        ) : null}
        <Card title={<h2 className="card-heading">{t('feedback.criteriaTitle')}</h2>}>
          <Flex vertical gap="middle">
            {published ? null : <WindowLine window={feedback.data.window} />}
            <CriteriaTable
              result={result.data}
              feedback={{
                items: feedback.data.items,
                windowOpen: !published && feedback.data.window.open,
                onFile: (code) => setFiling({ code, name: names.get(code) ?? code }),
              }}
            />
          </Flex>
        </Card>
        <Card title={<h2 className="card-heading">{t('feedback.listTitle')}</h2>}>
          <UnitFeedbackTable
            items={feedback.data.items}
            indicatorName={(code) => names.get(code)}
            loading={feedback.isFetching}
          />
        </Card>
      </Flex>
      <FileFeedbackModal
        roundId={round.id}
        unitCode={unitCode}
        indicator={filing}
        onClose={() => setFiling(null)}
      />
    </>
  );
}
