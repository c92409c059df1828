import { Card, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { FrameworkLevelsCard, ProvenanceNotice } from '@/features/levels';
import { DemoDataTag } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { PublicMethodology } from '../api/public';
import { usePublicMethodology, usePublicRounds } from '../api/public';
import { CopyLinkButton } from '../components/CopyLinkButton';
import { CriterionMethod, MaxPoints } from '../components/CriterionMethod';
import { PublicRoundSelect } from '../components/PublicRoundSelect';
import { RoundsState } from '../components/RoundsState';
import { idParam } from '@/lib/params';

/** Cách tính chỉ số: how a published round's index is computed, from its frozen framework. */
export default function PublicMethodologyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const rounds = usePublicRounds();
  const items = rounds.data?.items ?? [];
  const wanted = idParam(params.get('round'));
  const round = items.find((item) => item.id === wanted) ?? items[0];
  const methodology = usePublicMethodology(round?.id);

  const heading = (
    <PageTitle description={t('public.methodologyIntro')} extra={<CopyLinkButton />}>
      {t('public.methodologyTitle')}
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
            onChange={(id) => setParams({ round: String(id) })}
          />
          {round.is_demo ? <DemoDataTag /> : null}
        </Space>
        <HowItWorks />
        {methodology.isError ? (
          <ProblemAlert error={methodology.error} onRetry={() => void methodology.refetch()} />
        ) : methodology.data && methodology.data.round.id === round.id ? (
          <MethodologyView methodology={methodology.data} />
        ) : (
          <FullPageSpin />
        )}
      </Flex>
    </>
  );
}

/** The rules that hold for every round: index, ranking, publication. */
function HowItWorks() {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-heading">{t('public.howTitle')}</h2>}>
      <ul className="how-list">
        <li>{t('public.howIndex')}</li>
        <li>{t('public.howRanking')}</li>
        <li>{t('public.howPublished')}</li>
        <li>{t('public.howHash')}</li>
        <li>{t('public.howCorrections')}</li>
      </ul>
    </Card>
  );
}

function MethodologyView({ methodology }: { methodology: PublicMethodology }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { framework } = methodology;
  const groupName = (code: string) => {
    const group = methodology.groups.find((candidate) => candidate.code === code);
    return group ? localized(language, group.name_vi, group.name_en) : code;
  };

  return (
    <>
      <ProvenanceNotice
        provenance={framework.provenance}
        levels={framework.levels}
        pillarViews={framework.pillar_views}
      />
      <Card
        title={
          <h2 className="card-heading">
            {localized(language, framework.title_vi, framework.title_en)}
          </h2>
        }
      >
        <dl className="method-facts">
          {framework.legal_basis ? (
            <>
              <dt>{t('public.legalBasis')}</dt>
              <dd>{framework.legal_basis}</dd>
            </>
          ) : null}
          <dt>{t('public.frameworkCode')}</dt>
          <dd>
            {framework.code} ({t('public.revision', { revision: framework.revision })})
          </dd>
          <dt>{t('public.groupMax')}</dt>
          <dd>
            <ul className="plain-list" data-testid="group-max">
              {methodology.groups.map((group) => (
                <li key={group.code}>
                  {localized(language, group.name_vi, group.name_en)}:{' '}
                  {t('public.pointsValue', { points: formatPoints(group.max_points, language) })}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        <nav aria-label={t('public.pillarsNav')}>
          <Typography.Title level={3} className="section-heading">
            {t('public.pillarsNav')}
          </Typography.Title>
          <ul className="pillar-toc">
            {methodology.criteria.map((pillar) => (
              <li key={pillar.code}>
                <a href={`#pillar-${pillar.code}`}>
                  {pillar.code}. {localized(language, pillar.name_vi, pillar.name_en)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </Card>
      <FrameworkLevelsCard
        levels={framework.levels}
        pillarViews={framework.pillar_views}
        nameOf={(code) => {
          const found = methodology.criteria.find((pillar) => pillar.code === code);
          return found ? localized(language, found.name_vi, found.name_en) : undefined;
        }}
      />
      {methodology.criteria.map((pillar) => (
        <Card
          key={pillar.code}
          id={`pillar-${pillar.code}`}
          className="method-pillar"
          title={
            <h2 className="card-heading">
              {pillar.code}. {localized(language, pillar.name_vi, pillar.name_en)}
            </h2>
          }
        >
          <Typography.Paragraph className="method-pillar-meta">
            {t('public.maxPoints')}: <MaxPoints criterion={pillar} groupName={groupName} /> ·{' '}
            {t('public.appliesTo')}: {pillar.groups.map(groupName).join('; ')}
          </Typography.Paragraph>
          {pillar.children.length > 0 ? (
            pillar.children.map((child) => (
              <CriterionMethod
                key={child.code}
                criterion={child}
                methodology={methodology}
                level={3}
              />
            ))
          ) : (
            <CriterionMethod criterion={pillar} methodology={methodology} level={3} />
          )}
        </Card>
      ))}
    </>
  );
}
