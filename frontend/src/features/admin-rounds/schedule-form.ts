/**
 * The schedule as a form holds it (each bound as the city's wall clock) and as the API takes it,
 * with the API's rules checked as the user types: each phase ends after it starts, and none begins
 * before the one before it ends (or, with no end, begins). The problems name the API's own fields
 * (`schedule.reviewing.starts_at`), so the API's answer lands on the same inputs.
 */
import type { Phase, Round } from '@/api/types';

import { fromCityInput, toCityInput } from './city-time';

export const SCHEDULED_PHASES = [
  'collecting',
  'reviewing',
  'preliminary',
  'final',
  'published',
] as const satisfies readonly Phase[];
export type ScheduledPhase = (typeof SCHEDULED_PHASES)[number];
export type Bound = 'starts_at' | 'ends_at';

/** Each phase's start and end as `<input type="datetime-local">` values (city time); '' when unset. */
export type ScheduleDraft = Record<ScheduledPhase, Record<Bound, string>>;

export interface ScheduleProblem {
  /** The API's field name, e.g. `schedule.reviewing.starts_at`. */
  field: string;
  kind: 'invalid' | 'order' | 'overlap' | 'sequence';
  phase: ScheduledPhase;
  previous?: ScheduledPhase;
  /** The bound it must follow, as the city's wall clock. */
  after?: string;
}

export function emptyDraft(): ScheduleDraft {
  return Object.fromEntries(
    SCHEDULED_PHASES.map((phase) => [phase, { starts_at: '', ends_at: '' }]),
  ) as ScheduleDraft;
}

/** The round's schedule as a form's draft. */
export function draftOf(schedule: Round['schedule'] | undefined): ScheduleDraft {
  const draft = emptyDraft();
  for (const phase of SCHEDULED_PHASES) {
    const dates = schedule?.[phase];
    draft[phase] = {
      starts_at: toCityInput(dates?.starts_at),
      ends_at: toCityInput(dates?.ends_at),
    };
  }
  return draft;
}

export type ScheduleBody = Partial<
  Record<ScheduledPhase, { starts_at: string | null; ends_at: string | null }>
>;

/** What the API takes: UTC instants of the phases with a date; a phase left empty is unscheduled. */
export function scheduleBody(draft: ScheduleDraft): ScheduleBody {
  const body: ScheduleBody = {};
  for (const phase of SCHEDULED_PHASES) {
    const starts = fromCityInput(draft[phase].starts_at);
    const ends = fromCityInput(draft[phase].ends_at);
    if (starts || ends) body[phase] = { starts_at: starts, ends_at: ends };
  }
  return body;
}

/** Every bound at fault, in the phases' order (empty: the API will take it). */
export function scheduleProblems(draft: ScheduleDraft): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  let previous: { phase: ScheduledPhase; bound: Bound; at: string; wall: string } | null = null;
  for (const phase of SCHEDULED_PHASES) {
    for (const bound of ['starts_at', 'ends_at'] as const) {
      const wall = draft[phase][bound];
      if (!wall) continue;
      const field = `schedule.${phase}.${bound}`;
      const at = fromCityInput(wall);
      if (!at) {
        problems.push({ field, kind: 'invalid', phase });
        continue;
      }
      if (previous) {
        const samePhase = previous.phase === phase;
        const early = samePhase ? at <= previous.at : at < previous.at;
        if (early) {
          problems.push({
            field,
            kind: samePhase ? 'order' : previous.bound === 'ends_at' ? 'overlap' : 'sequence',
            phase,
            ...(samePhase ? {} : { previous: previous.phase, after: previous.wall }),
          });
        }
      }
      previous = { phase, bound, at, wall };
    }
  }
  return problems;
}
