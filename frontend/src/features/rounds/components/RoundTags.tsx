import type { Round } from '@/api/types';

import { DemoDataTag } from './DemoDataTag';
import { PracticeTag } from './PracticeTag';

/** The tags a round carries wherever it is named: practice round, demo data. */
export function RoundTags({
  round,
}: {
  round: Pick<Round, 'is_demo' | 'is_practice'> | undefined;
}) {
  if (!round) return null;
  return (
    <>
      {round.is_practice ? <PracticeTag /> : null}
      {round.is_demo ? <DemoDataTag /> : null}
    </>
  );
}
