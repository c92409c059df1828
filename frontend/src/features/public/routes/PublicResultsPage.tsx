import { Alert, Card, Flex, Space, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { publicResultsPath } from '@/config/paths';
import { ProvenanceNotice } from '@/features/levels';
import { DemoDataTag } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';

import type { PublicResults, PublicRoundItem } from '../api/public';
import { usePublicResults, usePublicRounds } from '../api/public';
import { CopyLinkButton } from '../components/CopyLinkButton';
import { DownloadLinks } from '../components/DownloadLinks';
import { GroupPanel } from '../components/GroupPanel';
import { PublicationFacts } from '../components/PublicationFacts';
import { PublicRoundSelect } from '../components/PublicRoundSelect';
import { RoundsState } from '../components/RoundsState';
import { VersionList } from '../components/VersionList';
import { idParam } from '@/lib/params';
import { previousRound, rankChanges } from '../rank-change';

/** Kết quả công bố: a published round's rankings per group, as of one version, for anyone. */
export default function PublicResultsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const rounds = usePublicRounds();
  const items = rounds.data?.items ?? [];
  const wanted = idParam(params.get('round'));
  const round = items.find((item) => item.id === wanted) ?? items[0];
  const version = idParam(params.get('version'));
  const results = usePublicResults(round?.id, version);
  const previous = round ? previousRound(items, round) : undefined;
  const previousResults = usePublicResults(previous?.id);

  const update = (changes: Record<string, string | undefined>) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  };

  const title = t('public.resultsTitle');
  const heading = (
    <PageTitle description={t('public.resultsIntro')} extra={<CopyLinkButton />}>
      {title}
    </PageTitle>
  );
  if (rounds.isPending || rounds.isError || !round) {
    return <RoundsState rounds={rounds} hasRound={round !== undefined} heading={heading} />;
  }

  return (
    <>
      {heading}
      <Flex vertical gap="large">
        <Space wrap>
          <PublicRoundSelect
            rounds={items}
            value={round.id}
            // Versions are per round: a new round starts at its latest.
            onChange={(id) => update({ round: String(id), version: undefined })}
          />
          {round.is_demo ? <DemoDataTag /> : null}
        </Space>
        {wanted !== undefined && wanted !== round.id ? (
          <Alert type="warning" showIcon title={t('public.roundNotPublished', { round: wanted })} />
        ) : null}
        {results.isError ? (
          <ProblemAlert error={results.error} onRetry={() => void results.refetch()} />
        ) : results.data && results.data.round.id === round.id ? (
          <ResultsView
            round={round}
            results={results.data}
            previous={previous && previousResults.data ? previousResults.data : undefined}
            previousFailed={previousResults.isError}
            group={params.get('group') ?? undefined}
            onGroup={(group) => update({ group })}
          />
        ) : (
          <FullPageSpin />
        )}
      </Flex>
    </>
  );
}

interface ResultsViewProps {
  round: PublicRoundItem;
  results: PublicResults;
  previous?: PublicResults;
  previousFailed: boolean;
  group?: string;
  onGroup: (group: string) => void;
}

function ResultsView({
  round,
  results,
  previous,
  previousFailed,
  group,
  onGroup,
}: ResultsViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const active = results.groups.find((candidate) => candidate.code === group) ?? results.groups[0];
  const latest = round.latest.version;

  const changes = useMemo(
    () =>
      active && previous
        ? { year: previous.round.year, byUnit: rankChanges(active, previous) }
        : undefined,
    [active, previous],
  );
  const changesNote = changes
    ? undefined
    : previousFailed
      ? t('public.previousFailed')
      : t('public.noPrevious');

  return (
    <>
      <ProvenanceNotice
        provenance={results.round.framework.provenance}
        levels={results.round.framework.levels}
        pillarViews={results.round.framework.pillar_views}
      />
      {results.version !== latest ? (
        <Alert
          type="info"
          showIcon
          title={t('public.olderVersion', { version: results.version, latest })}
          description={
            <Link to={publicResultsPath({ round: round.id, group: active?.code })}>
              {t('public.showLatest', { latest })}
            </Link>
          }
        />
      ) : null}
      <Card
        title={
          <h2 className="card-heading">
            {t('public.publicationTitle', {
              year: results.round.year,
              title: localized(language, results.round.title_vi, results.round.title_en),
            })}
          </h2>
        }
      >
        <PublicationFacts results={results} />
        <Typography.Title level={3} className="section-heading">
          {t('public.versionsTitle')}
        </Typography.Title>
        <VersionList
          roundId={round.id}
          versions={round.versions}
          shown={results.version}
          group={active?.code}
        />
        <Typography.Title level={3} className="section-heading">
          {t('public.downloadsTitle', { version: results.version })}
        </Typography.Title>
        <DownloadLinks roundId={round.id} year={results.round.year} version={results.version} />
      </Card>
      {active ? (
        <Tabs
          activeKey={active.code}
          onChange={onGroup}
          aria-label={t('public.groupsLabel')}
          items={results.groups.map((candidate) => ({
            key: candidate.code,
            label: localized(language, candidate.name_vi, candidate.name_en),
            // Only the open group is drawn: its chart needs a visible, sized container.
            children:
              candidate.code === active.code ? (
                <GroupPanel
                  group={candidate}
                  roundId={round.id}
                  changes={changes}
                  changesNote={changesNote}
                />
              ) : null,
          }))}
        />
      ) : (
        <Alert type="info" showIcon title={t('public.noGroups')} />
      )}
    </>
  );
}
