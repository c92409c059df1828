import { MessageOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { publicResultsPath } from '@/config/paths';
import { useMe } from '@/features/auth';
import { FrameworkNotice } from '@/features/frameworks';
import { LevelBadge, PillarViewsTable } from '@/features/levels';
import { useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime, formatPoints } from '@/lib/format';

import { useUnitFeedback, useUnitResult } from '../api/feedback';
import type { FeedbackItem, ResultNode, UnitResult } from '../api/feedback';
import { ExplanationView } from '../components/ExplanationView';
import { FeedbackStatusTag } from '../components/FeedbackStatusTag';
import { FileFeedbackModal } from '../components/FileFeedbackModal';
import { UnitFeedbackTable } from '../components/UnitFeedbackTable';
import { WindowLine } from '../components/WindowLine';

/** How deep a criterion sits in the tree, read from its code ("1" a pillar, "1.2" below it). */
function depthOf(code: string): number {
  return code.split('.').length - 1;
}

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
        <TotalCard result={result.data} published={published} />
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
              items={feedback.data.items}
              windowOpen={!published && feedback.data.window.open}
              onFile={(code) => setFiling({ code, name: names.get(code) ?? code })}
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

/** The unit's total in the run: points of the maximum, index, and rank in its group. */
function TotalCard({ result, published }: { result: UnitResult; published: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { total } = result;
  return (
    <Card
      title={
        <h2 className="card-heading">{t('feedback.totalTitle', { unit: result.unit_name_vi })}</h2>
      }
    >
      <Flex wrap gap="large">
        <Statistic
          title={t('feedback.totalPoints')}
          value={t('feedback.pointsOfMax', {
            points: formatPoints(total.points, language),
            max: formatPoints(total.max_points, language),
          })}
        />
        <Statistic title={t('feedback.index')} value={formatPoints(total.index, language)} />
        <Statistic
          title={t('feedback.rank', { group: result.group })}
          value={total.rank === null ? '—' : String(total.rank)}
        />
        {result.level ? (
          <Statistic
            title={t('levels.level')}
            value={result.level.code}
            formatter={() => <LevelBadge level={result.level} />}
          />
        ) : null}
      </Flex>
      {result.level ? (
        <Typography.Paragraph className="level-explanation" data-testid="level-explanation">
          {localized(language, result.level.explanation_vi, result.level.explanation_en)}
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t(published ? 'feedback.publishedRunAt' : 'feedback.runAt', {
          time: formatDateTime(result.run.created_at),
        })}
      </Typography.Paragraph>
    </Card>
  );
}

interface CriteriaTableProps {
  result: UnitResult;
  items: readonly FeedbackItem[];
  windowOpen: boolean;
  onFile: (code: string) => void;
}

/** Every criterion that applies, in tree order; an indicator's row opens its explanation. */
function CriteriaTable({ result, items, windowOpen, onFile }: CriteriaTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const waiting = new Set(
    items.filter((item) => item.status === 'open').map((item) => item.indicator_code),
  );
  const isIndicator = (code: string) => code in result.explanations;

  const columns: TableColumnsType<ResultNode> = [
    {
      key: 'criterion',
      title: t('feedback.criterion'),
      render: (_: unknown, node) => (
        <span style={{ paddingInlineStart: depthOf(node.code) * 16 }}>
          <Typography.Text strong={!isIndicator(node.code)}>
            {node.code} – {node.name_vi ?? node.code}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'points',
      title: t('feedback.points'),
      width: 140,
      render: (_: unknown, node) =>
        t('feedback.pointsOfMax', {
          points: formatPoints(node.points, language),
          max: formatPoints(node.max_points, language),
        }),
    },
    {
      key: 'feedback',
      title: t('feedback.feedbackColumn'),
      width: 190,
      render: (_: unknown, node) => {
        if (!isIndicator(node.code)) return null;
        if (waiting.has(node.code)) return <FeedbackStatusTag status="open" />;
        if (!windowOpen) return null;
        return (
          <Button
            size="small"
            icon={<MessageOutlined aria-hidden />}
            aria-label={t('feedback.fileButtonLabel', { code: node.code })}
            onClick={() => onFile(node.code)}
          >
            {t('feedback.fileButton')}
          </Button>
        );
      },
    },
  ];

  return (
    <Table<ResultNode>
      size="middle"
      rowKey="code"
      className="results-criteria"
      columns={columns}
      dataSource={result.nodes}
      pagination={false}
      expandable={{
        rowExpandable: (node) => isIndicator(node.code),
        expandedRowRender: (node) => {
          const explanation = result.explanations[node.code];
          return explanation ? (
            <ExplanationView code={node.code} explanation={explanation} />
          ) : null;
        },
      }}
      scroll={{ x: 640 }}
    />
  );
}
