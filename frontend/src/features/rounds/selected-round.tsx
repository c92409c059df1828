/**
 * The round the user is working in, chosen in the header and remembered in localStorage, so every
 * page (framework, units, later assessment and results) reads the same one.
 */
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';

import type { Round } from '@/api/types';
import { readStorage, writeStorage } from '@/lib/storage';

import { useRounds } from './api/rounds';

export const SELECTED_ROUND_KEY = 'dti.round';

interface SelectedRound {
  /** The chosen round, or when none was chosen the newest real one the user's unit takes part in
   * (any newest real one for DIC; undefined while loading or if none): a practice round is only
   * ever worked in by choice. */
  round: Round | undefined;
  rounds: readonly Round[];
  isPending: boolean;
  error: unknown;
  select: (id: number) => void;
}

const SelectedRoundContext = createContext<SelectedRound | null>(null);

function storedRoundId(): number | null {
  const value = Number(readStorage('local', SELECTED_ROUND_KEY));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The round to open on when none was chosen: the newest real one the user's unit takes part in
 * (the API says so with `takes_part`; null for DIC, who take the newest real one). A ward's staff
 * of the merged city and a former district's never land in the other's round.
 */
export function defaultRound(rounds: readonly Round[]): Round | undefined {
  const real = rounds.filter((candidate) => !candidate.is_practice);
  return real.find((candidate) => candidate.takes_part !== false) ?? real[0] ?? rounds[0];
}

export function SelectedRoundProvider({ children }: { children: ReactNode }) {
  const query = useRounds();
  const [chosenId, setChosenId] = useState<number | null>(storedRoundId);

  const select = useCallback((id: number) => {
    setChosenId(id);
    writeStorage('local', SELECTED_ROUND_KEY, String(id));
  }, []);

  const value = useMemo<SelectedRound>(() => {
    const rounds = query.data?.items ?? [];
    const round = rounds.find((candidate) => candidate.id === chosenId) ?? defaultRound(rounds);
    return { round, rounds, isPending: query.isPending, error: query.error, select };
  }, [query.data, query.isPending, query.error, chosenId, select]);

  return <SelectedRoundContext value={value}>{children}</SelectedRoundContext>;
}

export function useSelectedRound(): SelectedRound {
  const value = useContext(SelectedRoundContext);
  if (!value) throw new Error('useSelectedRound needs a SelectedRoundProvider');
  return value;
}
