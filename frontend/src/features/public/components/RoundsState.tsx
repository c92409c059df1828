import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { FullPageSpin } from '@/components/FullPageSpin';
import { ProblemAlert } from '@/components/ProblemAlert';

import type { usePublicRounds } from '../api/public';

interface RoundsStateProps {
  rounds: ReturnType<typeof usePublicRounds>;
  /** Whether a published round was found to show. */
  hasRound: boolean;
  heading: ReactNode;
}

/**
 * What a public page shows before it has a round to show: a spinner while the published rounds
 * load, the problem if they fail, or a note that nothing is published yet. Null once it has one.
 */
export function RoundsState({ rounds, hasRound, heading }: RoundsStateProps) {
  const { t } = useTranslation();
  if (rounds.isPending) return <FullPageSpin />;
  if (rounds.isError) {
    return (
      <>
        {heading}
        <ProblemAlert error={rounds.error} onRetry={() => void rounds.refetch()} />
      </>
    );
  }
  if (!hasRound) {
    return (
      <>
        {heading}
        <Alert type="info" showIcon title={t('public.noRounds')} />
      </>
    );
  }
  return null;
}
