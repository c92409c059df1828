/** Number and date formatting in the screen's language. */
import dayjs from 'dayjs';

import type { Language } from '@/i18n';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * Points as the API sends them (decimal strings), in the language's decimal separator and without
 * thousands grouping (a framework's 1000 points reads "1000", not "1.000" or "1,000").
 */
export function formatPoints(value: string | null | undefined, language: Language): string {
  if (value === null || value === undefined || value === '') return '';
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(LOCALES[language], {
    useGrouping: false,
    maximumFractionDigits: 4,
  }).format(number);
}

/** A date (ISO string) in the locale's short form: 25/11/2025 in Vietnamese, 11/25/2025 in English. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return dayjs(value).format('L');
}

/** A timestamp with the time of day. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return dayjs(value).format('L LT');
}

/** The time of day of a timestamp (14:32), for "saved at" states. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '';
  return dayjs(value).format('LT');
}

/** A file size in B, KB or MB, in the language's decimal separator. */
export function formatFileSize(bytes: number, language: Language): string {
  if (bytes < 1024) return `${bytes} B`;
  const [size, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  const number = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }).format(
    size,
  );
  return `${number} ${unit}`;
}
