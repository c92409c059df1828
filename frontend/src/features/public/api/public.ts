/**
 * The public read API (kết quả công bố): published rounds, a round's results per version, a unit's
 * history across rounds and a round's methodology. No account: calls go out without a token.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { publicClient } from '@/api/http';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

export type PublicRoundList = Schemas['PublicRoundList'];
export type PublicRoundItem = Schemas['PublicRoundItem'];
export type PublicVersion = Schemas['PublicVersion'];
export type PublicResults = Schemas['PublicResults'];
export type PublicGroup = Schemas['PublicGroup'];
export type PublicRanking = Schemas['PublicRanking'];
export type PublicUnitHistory = Schemas['PublicUnitHistory'];
export type PublicUnitEntry = Schemas['PublicUnitEntry'];
export type PublicPredecessorEntry = Schemas['PublicPredecessorEntry'];
export type PublicUnitPillar = Schemas['PublicUnitPillar'];
export type PublicMethodology = Schemas['PublicMethodology'];

// The public endpoints answer stored bytes (response_class=Response), so openapi.yaml carries no
// 200 body for them: the documents are typed here by the schemas their response_model names.
async function read<T>(call: Parameters<typeof unwrap>[0]): Promise<T> {
  const data: unknown = await unwrap(call);
  return data as T;
}

const ALL = ['public'] as const;

/** This feature's cache keys, all under `all`. */
export const publicKeys = {
  all: ALL,
  rounds: [...ALL, 'rounds'] as const,
  results: (roundId: number | undefined, version: number | undefined) =>
    [...ALL, 'results', roundId, version ?? null] as const,
  unit: (code: string | undefined) => [...ALL, 'unit', code] as const,
  methodology: (roundId: number | undefined) => [...ALL, 'methodology', roundId] as const,
};

/**
 * How the signed-in app reads the public API: the responses say the browser may keep them a minute
 * (`max-age=60`), so a DIC user who has just published would read the list from before; `fresh`
 * asks again each time (the ETag makes it a 304 when nothing changed).
 */
export interface PublicReadOptions {
  fresh?: boolean;
}

const cacheMode = ({ fresh = false }: PublicReadOptions): { cache?: RequestCache } =>
  fresh ? { cache: 'no-cache' } : {};

/** Rounds with published results, newest year first, each with every version. */
export function usePublicRounds(options: PublicReadOptions = {}) {
  return useQuery({
    queryKey: publicKeys.rounds,
    queryFn: ({ signal }) =>
      read<PublicRoundList>(
        publicClient.GET('/api/v1/public/rounds', { signal, ...cacheMode(options) }),
      ),
    staleTime: options.fresh ? 0 : 60_000,
  });
}

/** A round's published results: the given version, or the latest. */
export function usePublicResults(
  roundId: number | undefined,
  version?: number,
  options: PublicReadOptions = {},
) {
  return useQuery({
    queryKey: publicKeys.results(roundId, version),
    queryFn: ({ signal }) =>
      read<PublicResults>(
        publicClient.GET('/api/v1/public/rounds/{round_id}/results', {
          params: {
            path: { round_id: roundId ?? 0 },
            query: version === undefined ? {} : { version },
          },
          signal,
          ...cacheMode(options),
        }),
      ),
    enabled: roundId !== undefined,
    // A numbered version never changes; the latest may be superseded, which the list shows.
    staleTime: version !== undefined ? Infinity : options.fresh ? 0 : 60_000,
  });
}

/** A unit's published results across rounds, oldest first, following its predecessors. */
export function usePublicUnit(code: string | undefined) {
  return useQuery({
    queryKey: publicKeys.unit(code),
    queryFn: ({ signal }) =>
      read<PublicUnitHistory>(
        publicClient.GET('/api/v1/public/units/{code}', {
          params: { path: { code: code ?? '' } },
          signal,
        }),
      ),
    enabled: code !== undefined && code !== '',
    staleTime: 60_000,
  });
}

/** How a published round's index is computed: its framework as frozen for the round. */
export function usePublicMethodology(roundId: number | undefined) {
  return useQuery({
    queryKey: publicKeys.methodology(roundId),
    queryFn: ({ signal }) =>
      read<PublicMethodology>(
        publicClient.GET('/api/v1/public/rounds/{round_id}/framework', {
          params: { path: { round_id: roundId ?? 0 } },
          signal,
        }),
      ),
    enabled: roundId !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export type DownloadKind = 'csv' | 'xlsx' | 'json';

/** The address of a published version's file: plain links, no token needed. */
export function downloadUrl(roundId: number, version: number, kind: DownloadKind): string {
  const path = kind === 'json' ? 'results' : `results.${kind}`;
  return `/api/v1/public/rounds/${roundId}/${path}?version=${version}`;
}
