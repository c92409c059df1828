/**
 * What-if runs (mô phỏng) and rank stability over the API: a past round's stored inputs scored with
 * another framework version or a variant; nothing is kept, so these are mutations, not queries.
 */
import { useMutation } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import { saveFile } from '@/lib/save-file';

type Schemas = components['schemas'];

export type ScenarioIn = Schemas['ScenarioIn'];
export type StabilityParams = Schemas['StabilityParams'];
export type WhatIf = Schemas['WhatIfOut'];
export type WhatIfGroup = Schemas['GroupWhatIf'];
export type WhatIfUnit = Schemas['UnitWhatIf'];
export type Move = Schemas['Move'];
export type Stability = Schemas['StabilityOut'];
export type StabilityGroup = Schemas['GroupStability'];
export type StabilityUnit = Schemas['UnitStability'];

const roundPath = (roundId: number) => ({ path: { round_id: roundId } });

export interface WhatIfRequest {
  roundId: number;
  scenario: ScenarioIn;
}

export interface StabilityRequest extends WhatIfRequest {
  params: StabilityParams;
}

/** Score the round's inputs with the scenario: each unit's points and rank before and after. */
export function useWhatIf() {
  return useMutation({
    mutationFn: ({ roundId, scenario }: WhatIfRequest) =>
      unwrap(
        api.POST('/api/v1/rounds/{round_id}/what-if', {
          params: roundPath(roundId),
          body: scenario,
        }),
      ),
  });
}

/** Rank stability of the scenario under weights perturbed by ± N %, seeded. */
export function useRankStability() {
  return useMutation({
    mutationFn: ({ roundId, scenario, params }: StabilityRequest) =>
      unwrap(
        api.POST('/api/v1/rounds/{round_id}/rank-stability', {
          params: roundPath(roundId),
          body: { ...scenario, ...params },
        }),
      ),
  });
}

/** Download the what-if and rank stability as one workbook (fetched with the token, then saved). */
export async function downloadWhatIf({ roundId, scenario, params }: StabilityRequest) {
  const blob = await unwrap(
    api.POST('/api/v1/rounds/{round_id}/what-if.xlsx', {
      params: roundPath(roundId),
      body: { ...scenario, stability: params },
      parseAs: 'blob',
    }),
  );
  saveFile(blob, `mo-phong-ky-${roundId}.xlsx`);
}
