import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { LevelCounts } from '@/features/levels';
import { previousRound, rankChanges, usePublicResults, usePublicRounds } from '@/features/public';
import { RunKindTag, useScoreRuns } from '@/features/publish';
import { useRounds } from '@/features/rounds';
import { useUnitGroups } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import { formatDateTime } from '@/lib/format';
import { idParam } from '@/lib/params';

import { useRunResults } from '../api/rankings';
import { RunRankingTable } from '../components/RunRankingTable';
import { UnitResultDrawer } from '../components/UnitResultDrawer';

/** `?against=` when no run is compared. */
const NONE = 'none';

/**
 * «Xếp hạng lần tính»: a score run's rankings by group, as DIC and the approver read them before
 * publishing: levels, index, points and pillars, how each rank moved against another run of the
 * round (the one before, unless another is chosen) and against the last published year, and any
 * unit's results down to the explanation of every point.
 */
export default function RunResultsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const params = useParams();
  const roundId = idParam(params.roundId) ?? 0;
  const runId = idParam(params.runId);
  const [search, setSearch] = useSearchParams();
  const [opened, setOpened] = useState<{ code: string; name: string } | null>(null);

  const runs = useScoreRuns(roundId || undefined);
  const rounds = useRounds();
  const groups = useUnitGroups();
  const list = runs.data ?? [];
  const position = list.findIndex((run) => run.id === runId);
  const run = position >= 0 ? list[position] : undefined;
  const results = useRunResults(roundId, run?.id);
  // The run just before this one, unless the address names another (or none).
  const asked = search.get('against');
  const againstId =
    asked === NONE ? undefined : (idParam(asked) ?? list[position + 1]?.id ?? undefined);
  const against = useRunResults(roundId, againstId);

  const round = rounds.data?.items.find((candidate) => candidate.id === roundId);
  const publicRounds = usePublicRounds({ fresh: true });
  const lastYear = round ? previousRound(publicRounds.data?.items ?? [], round) : undefined;
  const lastYearResults = usePublicResults(lastYear?.id, undefined, { fresh: true });

  const title = t('rankings.title', { run: runId ?? '?' });
  const failed = [runs, rounds, results].find((query) => query.isError);
  if (failed) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} />
      </>
    );
  }
  if (runs.isPending || rounds.isPending || (run && results.isPending)) {
    return <FullPageSpin />;
  }
  if (!run || !results.data || !round) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <Alert type="warning" showIcon title={t('rankings.notFound')} />
      </>
    );
  }

  const groupName = (code: string) => {
    const found = groups.data?.find((candidate) => candidate.code === code);
    return found ? localized(language, found.name_vi, found.name_en) : code;
  };
  const shown = results.data.groups;
  const activeGroup = shown.some((group) => group.code === search.get('group'))
    ? (search.get('group') ?? undefined)
    : shown[0]?.code;
  const update = (key: string, value: string | undefined) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const runOptions = [
    { value: NONE, label: t('rankings.compareNone') },
    ...list
      .filter((candidate) => candidate.id !== run.id)
      .map((candidate) => ({
        value: String(candidate.id),
        label: t('rankings.compareOption', {
          run: candidate.id,
          kind: t(`publish.runs.kinds.${candidate.kind}`),
          time: formatDateTime(candidate.created_at),
        }),
      })),
  ];

  return (
    <>
      <PageTitle
        description={t('rankings.intro', {
          round: localized(language, round.title_vi, round.title_en),
        })}
        extra={
          <Link to={PATHS.publish}>
            <ArrowLeftOutlined aria-hidden /> {t('rankings.back')}
          </Link>
        }
      >
        {title}
      </PageTitle>
      <Flex vertical gap="large">
        <Card>
          <Flex vertical gap="middle">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 4 }}
              items={[
                {
                  key: 'kind',
                  label: t('publish.runs.kind'),
                  children: <RunKindTag kind={run.kind} />,
                },
                {
                  key: 'time',
                  label: t('publish.runs.time'),
                  children: formatDateTime(run.created_at),
                },
                { key: 'by', label: t('publish.runs.by'), children: run.created_by },
                {
                  key: 'hash',
                  label: t('publish.runs.hash'),
                  children: <code title={run.input_hash}>{run.input_hash.slice(0, 12)}</code>,
                },
              ]}
            />
            <Space wrap align="center">
              <label htmlFor="rankings-against">{t('rankings.compareLabel')}</label>
              <Select
                id="rankings-against"
                style={{ minWidth: 320 }}
                value={againstId === undefined ? NONE : String(againstId)}
                options={runOptions}
                onChange={(value: string) => update('against', value)}
              />
            </Space>
            <Typography.Text type="secondary">
              {lastYear
                ? t('rankings.lastYear', { year: lastYear.year })
                : t('rankings.noLastYear')}
            </Typography.Text>
            {against.isError ? (
              <ProblemAlert error={against.error} onRetry={() => void against.refetch()} />
            ) : null}
          </Flex>
        </Card>
        <Card>
          <Tabs
            activeKey={activeGroup}
            onChange={(key) => update('group', key)}
            items={shown.map((group) => {
              const name = groupName(group.code);
              const compared = against.data?.groups;
              return {
                key: group.code,
                label: name,
                children: (
                  <Flex vertical gap="middle">
                    {group.level_counts?.length ? (
                      <LevelCounts counts={group.level_counts} group={name} />
                    ) : null}
                    <RunRankingTable
                      group={group}
                      groupName={name}
                      againstRun={
                        againstId !== undefined && compared
                          ? { run: againstId, byUnit: rankChanges(group, { groups: compared }) }
                          : undefined
                      }
                      againstYear={
                        lastYear && lastYearResults.data
                          ? {
                              year: lastYear.year,
                              byUnit: rankChanges(group, lastYearResults.data),
                            }
                          : undefined
                      }
                      onOpen={setOpened}
                    />
                  </Flex>
                ),
              };
            })}
          />
        </Card>
      </Flex>
      <UnitResultDrawer
        roundId={roundId}
        runId={run.id}
        unit={opened}
        onClose={() => setOpened(null)}
      />
    </>
  );
}
