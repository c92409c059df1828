/** Numbers and colours of levels: an index with 4 decimals, a threshold as short as it is. */
import type { Language } from '@/i18n';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** An index (0..1) with 4 decimals, "0,7163" in Vietnamese; '–' when there is none. */
export function formatIndex(value: string | null | undefined, language: Language): string {
  const number = Number(value);
  if (value === null || value === undefined || value === '' || !Number.isFinite(number)) return '–';
  return new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: 4,
    maximumFractionDigits: 4,
    useGrouping: false,
  }).format(number);
}

/** A level's threshold as written: "0,6" in Vietnamese, "0.6" in English. */
export function formatThreshold(value: string, language: Language): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(LOCALES[language], {
    maximumFractionDigits: 6,
    useGrouping: false,
  }).format(number);
}

/** The tag colour of the level at `position` of `total` levels: the lowest warm, the highest green,
 * those between blue (the city's three: khởi động, hình thành, nâng cao). */
export function levelColor(position: number, total: number): string {
  if (total <= 1 || position < 0) return 'default';
  if (position === 0) return 'orange';
  if (position === total - 1) return 'green';
  return 'blue';
}

/** The colour of a level known only by its code: the city's three, else neutral. */
const CITY: Record<string, string> = {
  khoi_dong: 'orange',
  hinh_thanh: 'blue',
  nang_cao: 'green',
};

export function colorOfCode(code: string, order?: readonly string[]): string {
  if (order && order.includes(code)) return levelColor(order.indexOf(code), order.length);
  return CITY[code] ?? 'default';
}
