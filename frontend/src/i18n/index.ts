/**
 * i18next set-up: Vietnamese by default, English on request; the choice is kept in localStorage and
 * drives <html lang>, dayjs's locale and the Accept-Language header the API client sends (so the
 * API's problem messages come back in the same language as the screen).
 */
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

import { readStorage, writeStorage } from '@/lib/storage';

import en from './en.json';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';
export const LANGUAGE_STORAGE_KEY = 'dti.language';

dayjs.extend(localizedFormat);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language kept from an earlier visit, or Vietnamese. */
export function storedLanguage(): Language {
  const value = readStorage('local', LANGUAGE_STORAGE_KEY);
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  dayjs.locale(language);
}

/**
 * The operating department (cơ quan vận hành), a setting (GET /api/v1/public/operator): texts name
 * it as `{{operatorName}}` (full) or `{{operator}}` (short, in sentences), in the screen's language.
 * Until the API answers, the installation's default: Sở KH&CN, which took over from Sở TT&TT in
 * March 2025.
 */
export interface OperatorNames {
  name_vi: string;
  name_en: string;
  short_name_vi: string;
  short_name_en: string;
}

export const DEFAULT_OPERATOR: OperatorNames = {
  name_vi: 'Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh',
  name_en: 'Ho Chi Minh City Department of Science and Technology',
  short_name_vi: 'Sở KH&CN',
  short_name_en: 'the Department of Science and Technology',
};

let operatorNames: OperatorNames = DEFAULT_OPERATOR;

function operatorVariables(language: Language): Record<string, string> {
  const names = operatorNames;
  return language === 'en'
    ? { operatorName: names.name_en, operator: names.short_name_en }
    : { operatorName: names.name_vi, operator: names.short_name_vi };
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false, defaultVariables: operatorVariables(storedLanguage()) },
  // `operatorChanged`: the operator's names arrived or changed; translated texts render again.
  react: { bindI18n: 'languageChanged operatorChanged' },
  initAsync: false,
});

function applyOperator(language: Language): void {
  // In place: the translator and the interpolator read this same options object.
  const interpolation = i18n.options.interpolation;
  if (interpolation) interpolation.defaultVariables = operatorVariables(language);
}

applyLanguage(currentLanguage());
i18n.on('languageChanged', (language) => {
  const next = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  applyOperator(next);
  applyLanguage(next);
  writeStorage('local', LANGUAGE_STORAGE_KEY, next);
});

/** Name the operating department as the API says (every text naming it renders again). */
export function setOperatorNames(names: OperatorNames): void {
  const same = (Object.keys(names) as (keyof OperatorNames)[]).every(
    (key) => names[key] === operatorNames[key],
  );
  if (same) return;
  operatorNames = { ...names };
  applyOperator(currentLanguage());
  i18n.emit('operatorChanged');
}

/** The language the screen is in now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}

/** Pick the Vietnamese or English variant of a bilingual API field, falling back to the other. */
export function localized(
  language: Language,
  vi: string | null | undefined,
  en: string | null | undefined,
): string {
  const [first, second] = language === 'en' ? [en, vi] : [vi, en];
  return first ?? second ?? '';
}

export { i18n };

/** The screen's language, typed, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return isLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE;
}
