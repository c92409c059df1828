/**
 * Autosave of a unit's answers. What the user types is kept as a draft per indicator until the API
 * has stored it, so nothing typed is ever lost: a save that fails keeps the draft on screen with
 * the reason. Saves wait a short while after the last keystroke (or none, for a click), and every
 * write to the assessment goes through one queue, so each sends the ETag the previous one returned.
 *
 * On 412 (someone else changed the assessment) the assessment is read again: when this answer was
 * not among the changes, the draft is saved over the new version; when it was, the draft stays
 * unsaved and the user decides.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/api/errors';
import type { Answer, ValueType } from '@/api/types';
import type { Language } from '@/i18n';
import { problemMessage } from '@/lib/problem-message';

import type { AnswerPayload, AssessmentState } from './api/assessment';
import { assessmentQuery, newerState, saveAnswer } from './api/assessment';
import type { InputText } from './values';
import { answerSignature, selfInputNames, toAnswerValue, toInputText } from './values';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; message: string; fields: Record<string, string>; retryable: boolean }
  | { kind: 'conflict'; message: string };

export interface Draft {
  inputs: Record<string, InputText>;
  note: string;
}

export interface EditorEntry {
  /** What the user typed and the API has not stored yet. */
  draft: Draft | null;
  status: SaveStatus;
}

interface Entry extends EditorEntry {
  /** The saved answer the draft was typed over, to tell a real conflict from a version bump. */
  base: string;
  revision: number;
}

export interface DraftChange {
  inputs?: Record<string, InputText>;
  note?: string;
}

/** What the page tells the user after someone else changed the assessment while they typed. */
export type ConflictNotice = { kind: 'merged' } | { kind: 'conflict'; codes: string[] } | null;

export const AUTOSAVE_DELAY_MS = 800;

interface EditorOptions {
  roundId: number;
  unitCode: string;
  language: Language;
  /** Each indicator's inputs and their value types. */
  valueTypes: ReadonlyMap<string, Readonly<Record<string, ValueType>>>;
  delayMs?: number;
}

const IDLE: Entry = { draft: null, status: { kind: 'idle' }, base: '', revision: 0 };

export function useAnswerEditor({
  roundId,
  unitCode,
  language,
  valueTypes,
  delayMs = AUTOSAVE_DELAY_MS,
}: EditorOptions) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useMemo(() => assessmentQuery(roundId, unitCode), [roundId, unitCode]);
  const [entries, setEntries] = useState<Readonly<Record<string, Entry>>>({});
  const [notice, setNotice] = useState<ConflictNotice>(null);
  // The latest entries for code running after a render (saves, timers); state is what renders.
  const entriesRef = useRef<Readonly<Record<string, Entry>>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  // The value types change identity with every answer saved; saves read the latest ones.
  const types = useRef(valueTypes);
  useEffect(() => {
    types.current = valueTypes;
  }, [valueTypes]);

  const update = useCallback((code: string, change: (entry: Entry) => Entry) => {
    const next = { ...entriesRef.current, [code]: change(entriesRef.current[code] ?? IDLE) };
    entriesRef.current = next;
    setEntries(next);
  }, []);

  const current = useCallback(() => queryClient.getQueryData(query.queryKey), [queryClient, query]);
  const answerOf = useCallback(
    (code: string): Answer | undefined =>
      current()?.assessment.answers.find((a) => a.indicator_code === code),
    [current],
  );

  /** Keep a state the API answered (unless a newer one is already kept). */
  const store = useCallback(
    (state: AssessmentState) => {
      queryClient.setQueryData(query.queryKey, (previous) => newerState(previous, state));
    },
    [queryClient, query],
  );

  /** Read the assessment again; call it from inside a queued write. */
  const reload = useCallback(
    () => queryClient.query({ ...query, staleTime: 0 }).catch(() => current()),
    [queryClient, query, current],
  );

  /** Run a write after the ones already queued (each needs the ETag the previous one returned). */
  const write = useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(task);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const payloadOf = useCallback(
    (code: string, draft: Draft): AnswerPayload => {
      const typeOf = types.current.get(code) ?? {};
      const answer = answerOf(code);
      const names = answer ? selfInputNames(answer) : Object.keys(draft.inputs);
      return {
        // Every self input, since one left out would be cleared.
        inputs: Object.fromEntries(
          names.map((name) => [
            name,
            toAnswerValue(draft.inputs[name] ?? null, typeOf[name] ?? 'text'),
          ]),
        ),
        note: draft.note.trim() === '' ? null : draft.note,
      };
    },
    [answerOf],
  );

  const saved = useCallback(
    (code: string, revision: number) => {
      update(code, (entry) =>
        entry.revision === revision
          ? { ...entry, draft: null, status: { kind: 'saved', at: new Date().toISOString() } }
          : // Typed again meanwhile: that newer draft has its own save coming.
            { ...entry, base: answerSignature(answerOf(code)), status: { kind: 'pending' } },
      );
    },
    [update, answerOf],
  );

  const failed = useCallback(
    (code: string, error: unknown) => {
      const fields: Record<string, string> = {};
      if (error instanceof ApiError) {
        for (const problem of error.fieldErrors) {
          const name = problem.field.replace(/^inputs\./, '');
          fields[name] = fields[name] ? `${fields[name]} ${problem.message}` : problem.message;
        }
      }
      // A refused value stays refused: only a failure of the network or the server may pass on a retry.
      const retryable = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
      update(code, (entry) => ({
        ...entry,
        status: { kind: 'error', message: problemMessage(error, t), fields, retryable },
      }));
    },
    [update, t],
  );

  const save = useCallback(
    async (code: string) => {
      const entry = entriesRef.current[code];
      if (!entry?.draft) return;
      const { draft, revision, base } = entry;
      update(code, (e) => ({ ...e, status: { kind: 'saving' } }));
      const put = async () => {
        store(
          await saveAnswer(roundId, unitCode, code, payloadOf(code, draft), current()?.etag ?? ''),
        );
        saved(code, revision);
      };
      try {
        await put();
      } catch (error) {
        if (!(error instanceof ApiError) || (error.status !== 412 && error.status !== 409)) {
          failed(code, error);
          return;
        }
        await reload();
        if (error.status === 409) {
          failed(code, error);
          return;
        }
        if (answerSignature(answerOf(code)) !== base) {
          // This very answer changed elsewhere: keep the draft and let the user choose.
          update(code, (e) => ({
            ...e,
            status: { kind: 'conflict', message: problemMessage(error, t) },
          }));
          setNotice((previous) => ({
            kind: 'conflict',
            codes: [...new Set([...(previous?.kind === 'conflict' ? previous.codes : []), code])],
          }));
          return;
        }
        try {
          await put();
          setNotice((previous) => previous ?? { kind: 'merged' });
        } catch (again) {
          failed(code, again);
        }
      }
    },
    [roundId, unitCode, update, store, payloadOf, current, saved, failed, reload, answerOf, t],
  );

  const schedule = useCallback(
    (code: string, delay: number) => {
      clearTimeout(timers.current.get(code));
      const fire = () => {
        timers.current.delete(code);
        void write(() => save(code));
      };
      if (delay <= 0) fire();
      else timers.current.set(code, setTimeout(fire, delay));
    },
    [write, save],
  );

  /** Record what the user typed (or picked) and save it after the delay (at once when `immediate`). */
  const change = useCallback(
    (code: string, patch: DraftChange, immediate = false) => {
      update(code, (entry) => {
        let { draft, base } = entry;
        if (!draft) {
          const answer = answerOf(code);
          const typeOf = types.current.get(code) ?? {};
          draft = {
            inputs: Object.fromEntries(
              (answer ? selfInputNames(answer) : []).map((name) => [
                name,
                toInputText(answer?.inputs[name], typeOf[name] ?? 'text', language),
              ]),
            ),
            note: answer?.note ?? '',
          };
          base = answerSignature(answer);
        }
        return {
          draft: { inputs: { ...draft.inputs, ...patch.inputs }, note: patch.note ?? draft.note },
          base,
          revision: entry.revision + 1,
          status: { kind: 'pending' },
        };
      });
      schedule(code, immediate ? 0 : delayMs);
    },
    [update, answerOf, language, schedule, delayMs],
  );

  /** Save now what waits for its delay (e.g. when the user leaves the field). */
  const flush = useCallback(
    (code: string) => {
      if (timers.current.has(code)) schedule(code, 0);
    },
    [schedule],
  );

  const flushAll = useCallback(() => {
    for (const code of [...timers.current.keys()]) schedule(code, 0);
  }, [schedule]);

  /** Save the draft again, over whatever is saved now (after an error or a conflict). */
  const retry = useCallback(
    (code: string) => {
      update(code, (entry) => ({
        ...entry,
        base: answerSignature(answerOf(code)),
        status: { kind: 'pending' },
      }));
      schedule(code, 0);
    },
    [update, answerOf, schedule],
  );

  /** Drop the draft and show what is saved (after a conflict, to take the other person's answer). */
  const discard = useCallback(
    (code: string) => {
      clearTimeout(timers.current.get(code));
      timers.current.delete(code);
      update(code, () => IDLE);
    },
    [update],
  );

  // The list of what is missing comes in the screen's language: read it again in the new one.
  const shownLanguage = useRef(language);
  useEffect(() => {
    if (shownLanguage.current === language) return;
    shownLanguage.current = language;
    void write(reload);
  }, [language, write, reload]);

  // Leaving the page saves what is still waiting; closing the tab with unsaved input asks first.
  const flushOnLeave = useRef(flushAll);
  useEffect(() => {
    flushOnLeave.current = flushAll;
  }, [flushAll]);
  useEffect(() => {
    const leave = flushOnLeave;
    return () => leave.current();
  }, []);
  const unsaved = Object.values(entries).some((entry) => entry.draft !== null);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const entryOf = useCallback((code: string): EditorEntry => entries[code] ?? IDLE, [entries]);
  const problems = Object.entries(entries)
    .filter(([, entry]) => entry.status.kind === 'error' || entry.status.kind === 'conflict')
    .map(([code]) => code);

  return {
    entryOf,
    change,
    flush,
    flushAll,
    retry,
    discard,
    write,
    reload,
    store,
    /** The ETag to send with the next write (read inside a queued write). */
    etag: () => current()?.etag ?? '',
    unsaved,
    /** Indicators whose input could not be saved. */
    problems,
    notice,
    dismissNotice: () => setNotice(null),
  };
}

export type AnswerEditor = ReturnType<typeof useAnswerEditor>;
