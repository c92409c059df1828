import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Radio, Row, Space, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { LevelBadge, PillarViewsTable, ProvenanceNotice } from '@/features/levels';
import { publicResultsPath, publicUnitPath } from '@/config/paths';
import { DemoDataTag } from '@/features/rounds';
import { unitKindLabel } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicPredecessorEntry, PublicUnitEntry, PublicUnitHistory } from '../api/public';
import { usePublicMethodology, usePublicUnit } from '../api/public';
import { CopyLinkButton } from '../components/CopyLinkButton';
import { UnitCriteriaTable } from '../components/UnitCriteriaTable';
import { UnitHistoryTable } from '../components/UnitHistoryTable';
import { UnitPillarTable } from '../components/UnitPillarTable';
import { UnitRadarChart } from '../components/UnitRadarChart';
import { UnitTrendChart } from '../components/UnitTrendChart';
import { criterionNames } from '../criteria';
import { decimal, formatIndex } from '../format';
import { idParam } from '@/lib/params';

/** Hồ sơ đơn vị: a unit's published results across rounds, and one round in detail. */
export default function PublicUnitPage() {
  const { t } = useTranslation();
  const { code } = useParams<{ code: string }>();
  const [params, setParams] = useSearchParams();
  const unit = usePublicUnit(code);
  const history = unit.data?.history ?? [];
  const wanted = idParam(params.get('round'));
  const entry = history.find((item) => item.round.id === wanted) ?? history.at(-1);

  if (unit.isPending) return <FullPageSpin />;
  if (unit.isError) {
    return (
      <>
        <BackLink round={wanted} />
        <PageTitle>{t('public.unitTitle')}</PageTitle>
        <ProblemAlert error={unit.error} onRetry={() => void unit.refetch()} />
      </>
    );
  }
  return (
    <UnitView
      data={unit.data}
      entry={entry}
      onRound={(id) =>
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.set('round', String(id));
            return next;
          },
          { replace: true },
        )
      }
    />
  );
}

function BackLink({ round, group }: { round?: number; group?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={publicResultsPath({ round, group })} className="back-link">
      <ArrowLeftOutlined aria-hidden /> {t('public.backToRanking')}
    </Link>
  );
}

interface UnitViewProps {
  data: PublicUnitHistory;
  entry: PublicUnitEntry | undefined;
  onRound: (roundId: number) => void;
}

function UnitView({ data, entry, onRound }: UnitViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = localized(language, data.unit.name_vi, data.unit.name_en);
  const kind = unitKindLabel(data.unit.kind, t);

  return (
    <>
      <BackLink round={entry?.round.id} group={entry?.group.code} />
      <PageTitle
        description={t('public.unitDescription', { kind, code: data.unit.code })}
        extra={<CopyLinkButton />}
      >
        {name}
      </PageTitle>
      <Flex vertical gap="large">
        {data.predecessors.length > 0 ? (
          <Alert
            type="info"
            showIcon
            title={t('cityUnits.public.predecessorsTitle')}
            description={
              <ul className="plain-list" data-testid="predecessors">
                {data.predecessors.map((predecessor) => (
                  <li key={predecessor.code}>
                    {t('cityUnits.public.predecessorItem', {
                      unit: localized(language, predecessor.name_vi, predecessor.name_en),
                      code: predecessor.code,
                      share: t(`cityUnits.public.share.${predecessor.share ?? 'unknown'}`),
                    })}
                    {predecessor.note ? <div className="history-as">{predecessor.note}</div> : null}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        {entry ? (
          <EntryView data={data} entry={entry} name={name} onRound={onRound} />
        ) : (
          <Alert
            type="info"
            showIcon
            title={
              data.predecessor_history.length > 0
                ? t('cityUnits.public.noOwnHistory', { unit: name })
                : t('public.noHistory')
            }
          />
        )}
        <PredecessorResults data={data} unitName={name} />
      </Flex>
    </>
  );
}

/** Each predecessor's published results, apart and labelled as that area's: never this unit's. */
function PredecessorResults({ data, unitName }: { data: PublicUnitHistory; unitName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const byCode = new Map<string, PublicPredecessorEntry[]>();
  for (const item of data.predecessor_history) {
    byCode.set(item.unit_code, [...(byCode.get(item.unit_code) ?? []), item]);
  }
  return (
    <>
      {[...byCode.entries()].map(([code, entries]) => {
        const first = entries[0];
        if (!first) return null;
        const predecessor = localized(language, first.unit_name_vi, first.unit_name_en);
        const title = t('cityUnits.public.predecessorResults', { unit: predecessor });
        return (
          <Card
            key={code}
            data-testid={`predecessor-results-${code}`}
            title={<h2 className="card-heading">{title}</h2>}
            extra={
              <Link to={publicUnitPath(code)}>
                {t('cityUnits.public.viewPredecessor', { unit: predecessor })}
              </Link>
            }
          >
            <Typography.Paragraph>
              {t('cityUnits.public.notOwn', { predecessor, unit: unitName })}
              {first.share === 'part'
                ? ` ${t('cityUnits.public.partNote', { predecessor, unit: unitName })}`
                : ''}
            </Typography.Paragraph>
            <UnitHistoryTable history={entries} unitCode={code} label={title} />
          </Card>
        );
      })}
    </>
  );
}

interface EntryViewProps {
  data: PublicUnitHistory;
  entry: PublicUnitEntry;
  name: string;
  onRound: (roundId: number) => void;
}

function EntryView({ data, entry, name, onRound }: EntryViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const methodology = usePublicMethodology(entry.round.id);
  const names = useMemo(
    () => criterionNames(methodology.data?.criteria ?? [], language),
    [methodology.data, language],
  );
  const year = entry.round.year;
  const groupName = localized(language, entry.group.name_vi, entry.group.name_en);
  const pillars = entry.pillars.filter((pillar) => decimal(pillar.max_points) > 0);

  return (
    <>
      <Space wrap>
        <Radio.Group
          aria-label={t('public.roundLabel')}
          optionType="button"
          value={entry.round.id}
          onChange={(event) => onRound(Number(event.target.value))}
          options={data.history.map((item) => ({
            value: item.round.id,
            label: String(item.round.year),
          }))}
        />
        {entry.round.is_demo ? <DemoDataTag /> : null}
      </Space>
      <ProvenanceNotice provenance={entry.provenance} />
      <Card
        title={
          <h2 className="card-heading">
            {t('public.entryTitle', {
              year,
              title: localized(language, entry.round.title_vi, entry.round.title_en),
            })}
          </h2>
        }
      >
        <Flex wrap gap="large">
          <Statistic
            title={t('public.rankInGroup', { group: groupName })}
            value={t('public.rankOf', { rank: entry.rank, total: entry.group.unit_count })}
          />
          <Statistic title={t('public.index')} value={formatIndex(entry.index, language)} />
          <Statistic
            title={t('public.points')}
            value={t('public.pointsOfMax', {
              points: formatPoints(entry.points, language),
              max: formatPoints(entry.max_points, language),
            })}
          />
          <Statistic
            title={t('public.groupAverageIndex')}
            value={formatIndex(entry.group.average_index, language)}
          />
          {entry.level ? (
            <Statistic
              title={t('levels.level')}
              value={entry.level.code}
              formatter={() => <LevelBadge level={entry.level} />}
            />
          ) : null}
        </Flex>
        <Typography.Paragraph className="entry-meta">
          {t('public.entryVersion', { version: entry.version })}
        </Typography.Paragraph>
      </Card>
      <Card title={<h2 className="card-heading">{t('public.trendTitle')}</h2>}>
        <UnitTrendChart history={data.history} unitName={name} />
        <UnitHistoryTable
          history={data.history}
          unitCode={data.unit.code}
          label={t('public.historyLabel', { unit: name })}
        />
      </Card>
      <Card title={<h2 className="card-heading">{t('public.radarTitle', { year })}</h2>}>
        <Row gutter={[24, 24]} align="middle">
          <Col xs={24} lg={12}>
            <UnitRadarChart pillars={pillars} unitName={name} year={year} />
          </Col>
          <Col xs={24} lg={12}>
            <UnitPillarTable
              pillars={entry.pillars}
              label={t('public.pillarsLabel', { unit: name, year })}
            />
          </Col>
        </Row>
      </Card>
      {entry.pillar_views?.length ? (
        <Card title={<h2 className="card-heading">{t('levels.pillarViewsTitle')}</h2>}>
          <PillarViewsTable
            views={entry.pillar_views}
            label={t('levels.pillarViewsLabel', { unit: name })}
          />
        </Card>
      ) : null}
      <Card title={<h2 className="card-heading">{t('public.criteriaTitle', { year })}</h2>}>
        <UnitCriteriaTable
          criteria={entry.criteria}
          nameOf={(code) => names.get(code)}
          label={t('public.criteriaLabel', { unit: name, year })}
        />
      </Card>
    </>
  );
}
