import { Breadcrumb, Descriptions, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS } from '@/config/paths';
import { RoundTags } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import { useRound } from '../api/admin-rounds';
import { DeadlinesCard } from '../components/DeadlinesCard';
import { ParticipantsCard } from '../components/ParticipantsCard';
import { RoundGeneralCard } from '../components/RoundGeneralCard';
import { ScheduleCard } from '../components/ScheduleCard';

/**
 * One round's settings: titles and auto-advance, the schedule in city time, the participants
 * (while it is a draft) and each unit's deadline extension. Phases are moved by hand on the
 * «Công bố kết quả» page.
 */
export default function RoundSettingsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const roundId = Number(useParams().roundId);
  const round = useRound(roundId);

  if (round.isError) {
    return <ProblemAlert error={round.error} onRetry={() => void round.refetch()} />;
  }
  const data = round.data;
  const title = data ? localized(language, data.title_vi, data.title_en) : t('app.loading');

  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to={PATHS.roundSetup}>{t('adminRounds.list.heading')}</Link> },
          { title },
        ]}
      />
      <PageTitle extra={<RoundTags round={data} />}>
        {t('adminRounds.settings.heading', { title })}
      </PageTitle>
      {data ? (
        <Flex vertical gap="large">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              {
                key: 'phase',
                label: t('adminRounds.list.phase'),
                children: <Tag>{t(`phases.${data.phase}`)}</Tag>,
              },
              {
                key: 'framework',
                label: t('adminRounds.list.framework'),
                children: data.framework_code,
              },
              { key: 'year', label: t('adminRounds.list.year'), children: data.year },
              {
                key: 'reference',
                label: t('adminRounds.create.referenceDate'),
                children: formatDate(data.reference_date),
              },
            ]}
          />
          <RoundGeneralCard key={`general-${data.updated_at}`} round={data} />
          <ScheduleCard key={`schedule-${data.updated_at}`} round={data} />
          <ParticipantsCard round={data} />
          <DeadlinesCard round={data} />
        </Flex>
      ) : null}
    </>
  );
}
