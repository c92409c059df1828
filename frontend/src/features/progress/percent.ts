/** Percentages as the API sends them ("87.50"), for bars and for reading. */
import type { Language } from '@/i18n';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** The number of a decimal string, kept within 0–100 (0 when it is not a number). */
export function percentValue(value: string | number | null | undefined): number {
  const number = Number(value);
  if (!Number.isFinite(number)) return 0;
  return Math.min(100, Math.max(0, number));
}

/** "87,5" in Vietnamese, "87.5" in English: at most one decimal, no grouping. */
export function formatPercentNumber(
  value: string | number | null | undefined,
  language: Language,
): string {
  return new Intl.NumberFormat(LOCALES[language], {
    maximumFractionDigits: 1,
    useGrouping: false,
  }).format(percentValue(value));
}
