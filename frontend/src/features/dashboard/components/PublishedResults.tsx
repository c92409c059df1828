import { Alert, Card, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS, publicResultsPath } from '@/config/paths';
import { REVIEWER_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { ProvenanceNotice } from '@/features/levels';
import type { PublicResults } from '@/features/public';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import { usePublishedRound } from '../api/published';

import { GroupResults } from './GroupResults';
import type { Comparison } from './GroupResults';

/**
 * The round's published results, as the public page serves them: per group, the levels, the units
 * that moved most since the year before and the index of each. A note until they are published
 * (with the way to the Publish page for DIC).
 */
export function PublishedResults({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const { rounds, item, results, previous, previousResults } = usePublishedRound(roundId);

  const title = <h2 className="card-heading">{t('dashboard.results.title')}</h2>;
  const shown = item && results.data?.round.id === item.id ? results.data : undefined;

  // The comparison every group shares: none, loading, failed, or the earlier year's results.
  const comparison: Comparison = !previous
    ? { state: 'none' }
    : previousResults.isError
      ? {
          state: 'failed',
          error: previousResults.error,
          retry: () => void previousResults.refetch(),
        }
      : previousResults.data?.round.id === previous.id
        ? { state: 'ready', results: previousResults.data }
        : { state: 'loading' };

  let body;
  if (rounds.isError) {
    body = <ProblemAlert error={rounds.error} onRetry={() => void rounds.refetch()} />;
  } else if (rounds.isPending) {
    body = <FullPageSpin label={t('dashboard.results.loading')} />;
  } else if (!item) {
    body = (
      <Alert
        type="info"
        showIcon
        title={t('dashboard.results.notPublished')}
        description={
          hasAnyRole(me.data, REVIEWER_ROLES) ? (
            <Link to={PATHS.publish}>{t('dashboard.results.publishLink')}</Link>
          ) : undefined
        }
      />
    );
  } else if (results.isError) {
    body = <ProblemAlert error={results.error} onRetry={() => void results.refetch()} />;
  } else if (!shown) {
    body = <FullPageSpin label={t('dashboard.results.loading')} />;
  } else {
    body = (
      <Source
        results={shown}
        previous={comparison.state === 'ready' ? comparison.results : undefined}
      />
    );
  }

  return (
    <>
      <Card
        title={title}
        extra={
          item ? (
            <Link to={publicResultsPath({ round: item.id })}>
              {t('dashboard.results.openPublic')}
            </Link>
          ) : null
        }
      >
        {body}
      </Card>
      {shown ? <GroupTabs results={shown} comparison={comparison} /> : null}
    </>
  );
}

/** Where the figures come from: the published version and its date, and the year compared with. */
function Source({ results, previous }: { results: PublicResults; previous?: PublicResults }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="small">
      <ProvenanceNotice
        provenance={results.round.framework.provenance}
        levels={results.round.framework.levels}
        pillarViews={results.round.framework.pillar_views}
      />
      <Typography.Paragraph style={{ margin: 0 }} data-testid="dashboard-source">
        {t('dashboard.results.source', {
          version: results.version,
          date: formatDate(results.published_at),
        })}
        {previous ? (
          <>
            {' '}
            {t('dashboard.results.sourcePrevious', {
              version: previous.version,
              year: previous.round.year,
              date: formatDate(previous.published_at),
            })}
          </>
        ) : null}
      </Typography.Paragraph>
    </Flex>
  );
}

/** One tab per ranking group (only the open one drawn: a chart needs a visible, sized box). */
function GroupTabs({ results, comparison }: { results: PublicResults; comparison: Comparison }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('group');
  const active = results.groups.find((candidate) => candidate.code === wanted) ?? results.groups[0];

  if (!active) return <Alert type="info" showIcon title={t('dashboard.results.noGroups')} />;

  return (
    <Tabs
      activeKey={active.code}
      aria-label={t('dashboard.results.groupsLabel')}
      onChange={(code) =>
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.set('group', code);
            return next;
          },
          { replace: true },
        )
      }
      items={results.groups.map((group) => ({
        key: group.code,
        label: localized(language, group.name_vi, group.name_en),
        children:
          group.code === active.code ? (
            <GroupResults group={group} roundId={results.round.id} comparison={comparison} />
          ) : null,
      }))}
    />
  );
}
