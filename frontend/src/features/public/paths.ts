/** Addresses of the public pages: every view is a link (round, version, group in the query). */

export const PUBLIC_ROOT = '/public';

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function resultsPath(
  query: { round?: number; version?: number; group?: string } = {},
): string {
  return withQuery(PUBLIC_ROOT, query);
}

export function unitPath(code: string, round?: number): string {
  return withQuery(`${PUBLIC_ROOT}/units/${encodeURIComponent(code)}`, { round });
}

export function methodologyPath(round?: number): string {
  return withQuery(`${PUBLIC_ROOT}/methodology`, { round });
}

/** A positive whole number from the query (`?round=2`), else undefined. */
export function idParam(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 && Number.isSafeInteger(number) ? number : undefined;
}
