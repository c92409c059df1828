import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PUBLISHER_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { DemoDataTag, useSelectedRound } from '@/features/rounds';
import { localized, useLanguage } from '@/i18n';

import { PhaseCard } from '../components/PhaseCard';
import { PublicationsCard } from '../components/PublicationsCard';
import { ScoreRunsCard } from '../components/ScoreRunsCard';

/**
 * Công bố kết quả (DIC): the approver takes the selected round from collection to publication —
 * its phases, the score runs (compared, exported, the final one published) and the publications.
 */
export default function PublishPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const { round, error } = useSelectedRound();
  const title = t('publish.title');

  if (!round) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        {error ? (
          <ProblemAlert error={error} />
        ) : (
          <Alert type="info" showIcon title={t('rounds.none')} />
        )}
      </>
    );
  }
  const canPublish = hasAnyRole(me.data, PUBLISHER_ROLES);

  return (
    <>
      <PageTitle
        description={t('publish.intro', {
          round: localized(language, round.title_vi, round.title_en),
        })}
        extra={round.is_demo ? <DemoDataTag /> : null}
      >
        {title}
      </PageTitle>
      <Flex vertical gap="large">
        <PhaseCard round={round} canMove={canPublish} />
        <ScoreRunsCard roundId={round.id} canPublish={canPublish} />
        <PublicationsCard roundId={round.id} />
      </Flex>
    </>
  );
}
