import { describe, expect, it } from 'vitest';

import en from './en.json';
import vi from './vi.json';

import { LANGUAGE_STORAGE_KEY, i18n, localized, setLanguage, storedLanguage } from '.';

/** Every key path, with plural suffixes folded (Vietnamese has one form, English two). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('translations', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(vi))].sort());
  });

  it('leave no string empty', () => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings);
    for (const text of [...strings(vi), ...strings(en)]) expect(text.trim()).not.toBe('');
  });
});

describe('language', () => {
  it('is Vietnamese by default, with <html lang="vi">', () => {
    expect(storedLanguage()).toBe('vi');
    expect(i18n.language).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
    expect(i18n.t('auth.signInTitle')).toBe('Đăng nhập');
  });

  it('switches to English and remembers the choice', async () => {
    await setLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(storedLanguage()).toBe('en');
    expect(i18n.t('auth.signInTitle')).toBe('Sign in');
  });

  it('ignores a stored value that is not a language', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(storedLanguage()).toBe('vi');
  });

  it('picks the bilingual field of the language, falling back to the other', () => {
    expect(localized('vi', 'Quận 1', 'District 1')).toBe('Quận 1');
    expect(localized('en', 'Quận 1', 'District 1')).toBe('District 1');
    expect(localized('en', 'Chỉ tiếng Việt', null)).toBe('Chỉ tiếng Việt');
  });
});
