/**
 * An API client's scopes (phạm vi): pairs of a data element its agency supplies and a unit, each in
 * any round or in one. `*` means every element (of the agency's) or every unit. The picker adds
 * elements × units (× an optional round) at once; the list is kept without repeats in the order the
 * API keeps it (element, unit, round).
 */
import type { components } from '@/api/schema';

export type Scope = components['schemas']['ScopeIn'];
export type ApiClient = components['schemas']['ClientOut'];

export const ANY = '*';

export interface ScopeRow {
  key: string;
  element_code: string;
  unit_code: string;
  round_id: number | null;
}

export function scopeKey(scope: Scope): string {
  return `${scope.element_code}|${scope.unit_code}|${scope.round_id ?? ''}`;
}

function normalized(scope: Scope): ScopeRow {
  return {
    key: scopeKey(scope),
    element_code: scope.element_code,
    unit_code: scope.unit_code,
    round_id: scope.round_id ?? null,
  };
}

/** The pairs the picker adds: each element × each unit, in the round (or any); `*` alone wins. */
export function expandScopes(
  elements: readonly string[],
  units: readonly string[],
  roundId: number | null,
): ScopeRow[] {
  const pick = (values: readonly string[]) => (values.includes(ANY) ? [ANY] : [...values]);
  return pick(elements).flatMap((element) =>
    pick(units).map((unit) =>
      normalized({ element_code: element, unit_code: unit, round_id: roundId }),
    ),
  );
}

function compare(a: ScopeRow, b: ScopeRow): number {
  if (a.element_code !== b.element_code) return a.element_code < b.element_code ? -1 : 1;
  if (a.unit_code !== b.unit_code) return a.unit_code < b.unit_code ? -1 : 1;
  return (a.round_id ?? 0) - (b.round_id ?? 0);
}

/** The scopes with the added ones, each once, in the API's order. */
export function mergeScopes(current: readonly Scope[], added: readonly Scope[]): ScopeRow[] {
  const byKey = new Map<string, ScopeRow>();
  for (const scope of [...current, ...added]) byKey.set(scopeKey(scope), normalized(scope));
  return [...byKey.values()].sort(compare);
}

/** The scopes without one. */
export function removeScope(current: readonly ScopeRow[], key: string): ScopeRow[] {
  return current.filter((scope) => scope.key !== key);
}

/** What the API takes. */
export function toScopeBodies(rows: readonly ScopeRow[]): Scope[] {
  return rows.map(({ element_code, unit_code, round_id }) => ({
    element_code,
    unit_code,
    round_id,
  }));
}

export type ClientStatus = 'active' | 'disabled' | 'expired';

/** Disabled first (an admin's choice), then expired (the date passed). */
export function clientStatus(client: Pick<ApiClient, 'is_active' | 'is_expired'>): ClientStatus {
  if (!client.is_active) return 'disabled';
  if (client.is_expired) return 'expired';
  return 'active';
}

/** A client id as the API accepts it: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const CLIENT_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
