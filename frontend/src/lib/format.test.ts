import { describe, expect, it } from 'vitest';

import { formatFileSize, formatPoints } from './format';

describe('formatPoints', () => {
  it('keeps whole points ungrouped in both languages', () => {
    expect(formatPoints('1000', 'vi')).toBe('1000');
    expect(formatPoints('1000', 'en')).toBe('1000');
  });

  it('uses the language decimal separator', () => {
    expect(formatPoints('12.5', 'vi')).toBe('12,5');
    expect(formatPoints('12.5', 'en')).toBe('12.5');
  });

  it('shows nothing for a missing value and the raw text for a non-number', () => {
    expect(formatPoints(null, 'vi')).toBe('');
    expect(formatPoints('n/a', 'vi')).toBe('n/a');
  });
});

describe('formatFileSize', () => {
  it('picks the unit and the decimal separator of the language', () => {
    expect(formatFileSize(512, 'vi')).toBe('512 B');
    expect(formatFileSize(1536, 'vi')).toBe('1,5 KB');
    expect(formatFileSize(1536, 'en')).toBe('1.5 KB');
    expect(formatFileSize(3 * 1024 * 1024, 'en')).toBe('3 MB');
  });
});
