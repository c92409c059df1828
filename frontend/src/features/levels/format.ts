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

/** The tone of the level at `position` of `total` levels: the lowest `low`, the highest `high`,
 * those between `mid` (the city's three: khởi động, hình thành, nâng cao). */
export type LevelTone = 'low' | 'mid' | 'high' | 'none';

export function levelTone(position: number, total: number): LevelTone {
  if (total <= 1 || position < 0) return 'none';
  if (position === 0) return 'low';
  if (position === total - 1) return 'high';
  return 'mid';
}

/** The city's three levels, for a level known only by its code. */
const CITY: Record<string, LevelTone> = {
  khoi_dong: 'low',
  hinh_thanh: 'mid',
  nang_cao: 'high',
};

/** A level's tone by its place in `order` (the set's codes, lowest first), else the city's. */
export function toneOfCode(code: string, order?: readonly string[]): LevelTone {
  if (order && order.includes(code)) return levelTone(order.indexOf(code), order.length);
  return CITY[code] ?? 'none';
}
