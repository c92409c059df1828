/**
 * City time (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving). The API keeps instants in UTC;
 * screens show and take them as the city's wall clock, whatever the browser's own time zone. The
 * wall clock is the value an `<input type="datetime-local">` holds ("2025-04-01T08:00"), so the
 * inputs need no time-zone handling of their own.
 */

const CITY_OFFSET_MS = 7 * 60 * 60 * 1000;
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An instant (ISO 8601 with its offset) as the city's wall clock: "2025-04-01T08:00" (seconds only when not zero). */
export function toCityInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const wall = new Date(ms + CITY_OFFSET_MS).toISOString();
  return wall.slice(17, 19) === '00' ? wall.slice(0, 16) : wall.slice(0, 19);
}

/** The city's wall clock ("2025-04-01T08:00") as the UTC instant the API takes; null when empty or not a time. */
export function fromCityInput(value: string): string | null {
  const match = WALL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part: string | undefined) => Number(part ?? 0));
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    return null;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second ?? 0);
  const check = new Date(ms);
  // 31 February and 24:30 are not times (Date.UTC would roll them over).
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute
  ) {
    return null;
  }
  return new Date(ms - CITY_OFFSET_MS).toISOString().replace('.000Z', 'Z');
}

/** An instant as the city reads it: 30/11/2025 17:00. */
export function formatCity(iso: string | null | undefined): string {
  const wall = toCityInput(iso);
  if (!wall) return '';
  const [date = '', time = ''] = wall.split('T');
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time.slice(0, 5)}`;
}

/** The city's day of an instant, as YYYY-MM-DD. */
export function cityDay(iso: string): string {
  return toCityInput(iso).slice(0, 10);
}
