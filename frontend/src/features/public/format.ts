/** Numbers of the published results, in the screen's language. */
import type { Language } from '@/i18n';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A decimal string as a number (0 when it is not one). */
export function decimal(value: string | null | undefined): number {
  const number = Number(value);
  return value === null || value === undefined || value === '' || !Number.isFinite(number)
    ? 0
    : number;
}

/** An index (points ÷ max, 0..1) always with 4 decimals: "0,5893" in Vietnamese, "0.5893" in English. */
export function formatIndex(value: string | null | undefined, language: Language): string {
  if (value === null || value === undefined || value === '') return '–';
  return new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: 4,
    maximumFractionDigits: 4,
    useGrouping: false,
  }).format(decimal(value));
}

/** The first and last characters of a SHA-256, for reading; the full hash goes in a title. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash;
}
