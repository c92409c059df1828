/**
 * The before/after difference of an audit event, field by field: what the event's stored `before`
 * and `after` hold (a snapshot of the object, never a secret). Nested objects are walked with dotted
 * paths (`schedule.collecting`); lists of items are compared as sets, so a client's scopes show the
 * pairs added and removed rather than the whole list twice.
 */

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffLine {
  /** The field, e.g. `name`, `schedule.collecting`, `scopes[]` for an item of a list. */
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stable text of a value (object keys sorted), to compare and to key list items. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlain(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function diffLists(before: unknown[], after: unknown[], path: string): DiffLine[] {
  const counts = new Map<string, number>();
  for (const item of after) counts.set(canonical(item), (counts.get(canonical(item)) ?? 0) + 1);
  const removed: unknown[] = [];
  for (const item of before) {
    const key = canonical(item);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else removed.push(item);
  }
  const kept = new Map<string, number>();
  for (const item of before) kept.set(canonical(item), (kept.get(canonical(item)) ?? 0) + 1);
  const added: unknown[] = [];
  for (const item of after) {
    const key = canonical(item);
    const left = kept.get(key) ?? 0;
    if (left > 0) kept.set(key, left - 1);
    else added.push(item);
  }
  if (removed.length === 0 && added.length === 0) {
    // The same items in another order.
    return [{ path, kind: 'changed', before, after }];
  }
  const item = `${path}[]`;
  return [
    ...removed.map((value) => ({ path: item, kind: 'removed' as const, before: value })),
    ...added.map((value) => ({ path: item, kind: 'added' as const, after: value })),
  ];
}

/** The lines that differ between two values (none when they are equal). */
export function diffValues(before: unknown, after: unknown, path = ''): DiffLine[] {
  if (canonical(before) === canonical(after)) return [];
  // A list that appears or goes whole: its items one by one, as when it changes.
  if (before === undefined && Array.isArray(after)) return diffLists([], after, path);
  if (after === undefined && Array.isArray(before)) return diffLists(before, [], path);
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], join(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, path);
  return [{ path, kind: 'changed', before, after }];
}

/**
 * An event's difference: a creation (no `before`) lists every field as added, a deletion (no
 * `after`) every field as removed.
 */
export function diffEvent(
  before: Plain | null | undefined,
  after: Plain | null | undefined,
): DiffLine[] {
  return diffValues(before ?? {}, after ?? {});
}

/** A value as one line of text: strings as they are, anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}
