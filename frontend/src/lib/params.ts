/** Reading ids from an address: a query (`?round=2`) or a path segment (`/rounds/2`). */

/** A positive whole number from the address, else undefined. */
export function idParam(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 && Number.isSafeInteger(number) ? number : undefined;
}
