/**
 * The merger/split wizard's state, the request it makes, and where the API's field problems
 * belong: which step of the wizard, and how to name the field to the admin.
 */
import type { TFunction } from 'i18next';

import type { Reorganisation, UnitKind } from '../api/admin';

export type ChangeKind = Reorganisation['kind'];
export type Share = 'whole' | 'part';

export interface PredecessorDraft {
  code: string;
  share: Share;
  /** Close it the day before; `null` follows the API's default (whole, or a split). */
  close: boolean | null;
}

export interface NewSuccessorDraft {
  mode: 'new';
  code: string;
  name_vi: string;
  name_en: string;
  kind: UnitKind;
  parent_code: string | null;
  groups: string[];
}

export interface ExistingSuccessorDraft {
  mode: 'existing';
  code: string;
}

export type SuccessorDraft = NewSuccessorDraft | ExistingSuccessorDraft;

export interface WizardState {
  kind: ChangeKind;
  effectiveOn: string;
  predecessors: PredecessorDraft[];
  successors: SuccessorDraft[];
  note: string;
}

export const STEPS = ['predecessors', 'successors', 'review'] as const;

export function emptySuccessor(kind: UnitKind = 'ward'): NewSuccessorDraft {
  return { mode: 'new', code: '', name_vi: '', name_en: '', kind, parent_code: null, groups: [] };
}

export function initialState(kind: ChangeKind = 'merger'): WizardState {
  return {
    kind,
    effectiveOn: '',
    predecessors: [],
    successors: kind === 'merger' ? [emptySuccessor()] : [emptySuccessor(), emptySuccessor()],
    note: '',
  };
}

/** Whether the predecessor is closed the day before: always when merged whole. */
export function closes(kind: ChangeKind, predecessor: PredecessorDraft): boolean {
  if (kind === 'merger' && predecessor.share === 'whole') return true;
  return predecessor.close ?? kind === 'split';
}

/** The API's body for the wizard's state. */
export function toRequest(state: WizardState, confirmRounds = false): Reorganisation {
  const split = state.kind === 'split';
  return {
    kind: state.kind,
    effective_on: state.effectiveOn,
    predecessors: state.predecessors.map((predecessor) => ({
      code: predecessor.code,
      share: split ? 'part' : predecessor.share,
      close: closes(state.kind, predecessor),
    })),
    successors: state.successors.map((successor) =>
      successor.mode === 'existing'
        ? { mode: 'existing', code: successor.code.trim() }
        : {
            mode: 'new',
            code: successor.code.trim(),
            name_vi: successor.name_vi.trim(),
            name_en: successor.name_en.trim(),
            kind: successor.kind,
            parent_code: successor.parent_code || null,
            groups: successor.groups,
          },
    ),
    note: state.note.trim() || null,
    confirm_rounds: confirmRounds,
  };
}

/** What is still missing before a step can be left (message keys; empty when complete). */
export type MissingKey =
  | 'adminUnits.wizard.needPredecessor'
  | 'adminUnits.wizard.splitOnePredecessor'
  | 'adminUnits.wizard.needDate'
  | 'adminUnits.wizard.needSuccessor';

export function missingOnStep(state: WizardState, step: number): MissingKey[] {
  const missing: MissingKey[] = [];
  if (step === 0) {
    if (state.predecessors.length === 0) missing.push('adminUnits.wizard.needPredecessor');
    if (state.kind === 'split' && state.predecessors.length > 1)
      missing.push('adminUnits.wizard.splitOnePredecessor');
  }
  if (step === 1) {
    if (!state.effectiveOn) missing.push('adminUnits.wizard.needDate');
    const incomplete = state.successors.some((successor) =>
      successor.mode === 'existing'
        ? !successor.code
        : !successor.code.trim() || !successor.name_vi.trim() || !successor.name_en.trim(),
    );
    if (incomplete) missing.push('adminUnits.wizard.needSuccessor');
  }
  return missing;
}

/** The step of the wizard where a field the API names is entered. */
export function stepOfField(field: string): number {
  if (field.startsWith('predecessors') || field === 'kind') return 0;
  if (field.startsWith('successors') || field === 'effective_on') return 1;
  return 2;
}

const PART = /^(predecessors|successors)\[(\d+)\](?:\.(\w+))?(?:\[(\d+)\])?$/;

/** A field the API names, in the admin's words: "Successor 1 – code". */
export function describeField(field: string, t: TFunction): string {
  const match = PART.exec(field);
  if (!match) {
    if (field === 'effective_on') return t('adminUnits.wizard.effectiveOn');
    if (field === 'predecessors') return t('adminUnits.wizard.predecessorsTitle');
    if (field === 'successors') return t('adminUnits.wizard.successorsTitle');
    return field;
  }
  const [, list, index, attribute] = match;
  const item = t(
    list === 'predecessors' ? 'adminUnits.wizard.predecessorN' : 'adminUnits.wizard.successorN',
    {
      n: Number(index) + 1,
    },
  );
  if (!attribute) return item;
  const names: Record<string, string> = {
    code: t('adminUnits.fields.code'),
    share: t('adminUnits.wizard.share'),
    close: t('adminUnits.wizard.close'),
    parent_code: t('adminUnits.fields.parent'),
    groups: t('adminUnits.fields.groups'),
    name_vi: t('adminUnits.fields.nameVi'),
    name_en: t('adminUnits.fields.nameEn'),
    kind: t('adminUnits.fields.kind'),
  };
  return `${item} – ${names[attribute] ?? attribute}`;
}

/** The day before `effectiveOn` (YYYY-MM-DD): a closed predecessor's last day. */
export function lastDay(effectiveOn: string): string {
  if (!effectiveOn) return '';
  const day = new Date(`${effectiveOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
