import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PUBLISHER_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { RoundTags, useSelectedRound } from '@/features/rounds';
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
  // DIC runs a practice round's phases itself; it is never published (the API refuses too).
  const practice = round.is_practice;

  return (
    <>
      <PageTitle
        description={t('publish.intro', {
          round: localized(language, round.title_vi, round.title_en),
        })}
        extra={<RoundTags round={round} />}
      >
        {title}
      </PageTitle>
      <Flex vertical gap="large">
        {practice ? <Alert type="info" showIcon title={t('practice.notPublished')} /> : null}
        <PhaseCard round={round} canMove={canPublish || practice} />
        <ScoreRunsCard roundId={round.id} canPublish={canPublish && !practice} />
        <PublicationsCard roundId={round.id} />
      </Flex>
    </>
  );
}
