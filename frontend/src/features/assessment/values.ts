/**
 * Answers between the API and the screen: values as the controls show them (text for numbers, so
 * "12,5" can be typed in Vietnamese), back to what the API takes, and the counts the page shows
 * (answered indicators per pillar, what is missing for which indicator).
 */
import type { Answer, Criterion, CriterionRule, MissingItem, ValueType } from '@/api/types';
import type { Language } from '@/i18n';

import type { AnswerValue } from './api/assessment';

/** A value as a control holds it: text for numbers, dates, choices and text; yes/no for booleans. */
export type InputText = string | boolean | null;

const NUMERIC: ReadonlySet<ValueType> = new Set(['integer', 'decimal', 'percent']);

export function isNumeric(type: ValueType): boolean {
  return NUMERIC.has(type);
}

/** The API's stored value as the control shows it (decimals with the language's separator). */
export function toInputText(value: unknown, type: ValueType, language: Language): InputText {
  if (value === null || value === undefined) return type === 'boolean' ? null : '';
  if (type === 'boolean') return typeof value === 'boolean' ? value : null;
  const text =
    typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  return isNumeric(type) && language === 'vi' ? text.replace('.', ',') : text;
}

// "1.000" or "1 000" in a count means one thousand: a count has no decimals to confuse it with.
const GROUPED_INTEGER = /^\d{1,3}([., ]\d{3})+$/;

/**
 * What the API takes for a control's value: booleans as booleans, counts as numbers, other numbers
 * as the typed text (the API reads either decimal separator and judges the value itself, so its
 * message says what is wrong), empty as null (which clears the input).
 */
export function toAnswerValue(text: InputText, type: ValueType): AnswerValue {
  if (text === null) return null;
  if (typeof text === 'boolean') return type === 'boolean' ? text : null;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (type === 'integer') {
    const plain = GROUPED_INTEGER.test(trimmed) ? trimmed.replace(/[., ]/g, '') : trimmed;
    return /^-?\d{1,15}$/.test(plain) ? Number(plain) : plain;
  }
  return type === 'text' ? text : trimmed;
}

/** A typed number as a number, reading either decimal separator (NaN when it is not one). */
export function parseNumber(text: InputText): number {
  if (typeof text !== 'string' || text.trim() === '') return Number.NaN;
  return Number(text.trim().replace(',', '.'));
}

/** The inputs the unit enters itself (not the figures agencies supply). */
export function selfInputNames(answer: Answer): string[] {
  return Object.entries(answer.input_states)
    .filter(([, state]) => !state.read_only)
    .map(([name]) => name);
}

/** Whether every self-entered input has a value; null when the unit enters none. */
export function isAnswered(answer: Answer): boolean | null {
  const names = selfInputNames(answer);
  if (names.length === 0) return null;
  return names.every((name) => answer.inputs[name] !== null && answer.inputs[name] !== undefined);
}

/** The saved answer in one string, to tell whether someone else changed it since. */
export function answerSignature(answer: Answer | undefined): string {
  if (!answer) return '';
  const inputs = Object.fromEntries(
    selfInputNames(answer).map((name) => [name, answer.inputs[name] ?? null]),
  );
  return JSON.stringify({ inputs, note: answer.note ?? null });
}

/** The most recent change of the unit's own inputs. */
export function lastSaved(answer: Answer): { at: string; by: string | null } | null {
  let latest: { at: string; by: string | null } | null = null;
  for (const name of selfInputNames(answer)) {
    const state = answer.input_states[name];
    if (state?.updated_at && (!latest || state.updated_at > latest.at)) {
      latest = { at: state.updated_at, by: state.updated_by };
    }
  }
  return latest;
}

/** "answers.1.2" or "evidence.1.2" → "1.2". */
export function indicatorOfField(field: string): string {
  const dot = field.indexOf('.');
  return dot < 0 ? field : field.slice(dot + 1);
}

export function missingByIndicator(missing: readonly MissingItem[]): Map<string, MissingItem[]> {
  const found = new Map<string, MissingItem[]>();
  for (const item of missing) {
    const code = indicatorOfField(item.field);
    found.set(code, [...(found.get(code) ?? []), item]);
  }
  return found;
}

/** A pillar with the indicators (leaves) under it, in the framework's order. */
export interface PillarIndicators {
  pillar: Criterion;
  indicators: Criterion[];
}

function leaves(criterion: Criterion): Criterion[] {
  return criterion.is_leaf ? [criterion] : criterion.children.flatMap(leaves);
}

export function pillarsOf(criteria: readonly Criterion[]): PillarIndicators[] {
  return criteria.map((pillar) => ({ pillar, indicators: leaves(pillar) }));
}

/** How many of the indicators the unit answers itself are answered. */
export function answeredCount(
  indicators: readonly Criterion[],
  answers: ReadonlyMap<string, Answer>,
) {
  let answered = 0;
  let total = 0;
  for (const indicator of indicators) {
    const answer = answers.get(indicator.code);
    const state = answer ? isAnswered(answer) : null;
    if (state === null) continue;
    total += 1;
    if (state) answered += 1;
  }
  return { answered, total };
}

/** For a ratio rule, the share a ÷ b in percent from the typed values (null until both are numbers). */
export function ratioPercent(
  rule: CriterionRule,
  values: Readonly<Record<string, InputText>>,
): number | null {
  if (rule.kind !== 'ratio') return null;
  const numerator = parseNumber(values[rule.numerator] ?? null);
  const denominator = parseNumber(values[rule.denominator] ?? null);
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return (numerator / denominator) * 100;
}
