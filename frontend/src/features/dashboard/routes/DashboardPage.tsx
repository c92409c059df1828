import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';

import { ProgressOverview } from '../components/ProgressOverview';
import { PublishedResults } from '../components/PublishedResults';
import '../dashboard.css';

/**
 * «Tổng quan kết quả»: for those who decide (leadership, DIC), the selected round's progress and,
 * once published, its results per group: levels, the units that moved most, the index.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { round, isPending, error } = useSelectedRound();
  const title = t('dashboard.title');

  if (!round) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        {isPending ? (
          <FullPageSpin />
        ) : error ? (
          <ProblemAlert error={error} />
        ) : (
          <Alert type="info" showIcon title={t('dashboard.noRound')} />
        )}
      </>
    );
  }

  return (
    <>
      <PageTitle
        description={t('dashboard.intro', {
          round: localized(language, round.title_vi, round.title_en),
        })}
      >
        {title}
      </PageTitle>
      <Flex vertical gap="large">
        <ProgressOverview round={round} />
        <PublishedResults roundId={round.id} />
      </Flex>
    </>
  );
}
