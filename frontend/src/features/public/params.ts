/** Reading the public pages' query (`?round=2&version=1`). */

/** A positive whole number from the query (`?round=2`), else undefined. */
export function idParam(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 && Number.isSafeInteger(number) ? number : undefined;
}
