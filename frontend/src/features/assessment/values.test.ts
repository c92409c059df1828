import { describe, expect, it } from 'vitest';

import type { Answer } from '@/api/types';
import { assessmentCriteria, q1Assessment } from '@/test/fixtures';

import {
  answerSignature,
  answeredCount,
  isAnswered,
  missingByIndicator,
  pillarsOf,
  ratioPercent,
  toAnswerValue,
  toInputText,
} from './values';

const answers = new Map<string, Answer>(
  q1Assessment().answers.map((answer) => [answer.indicator_code, answer]),
);

describe('values between the API and the controls', () => {
  it('shows decimals with the language separator', () => {
    expect(toInputText('12.5', 'percent', 'vi')).toBe('12,5');
    expect(toInputText('12.5', 'percent', 'en')).toBe('12.5');
    expect(toInputText(4, 'integer', 'vi')).toBe('4');
    expect(toInputText(null, 'integer', 'vi')).toBe('');
    expect(toInputText(null, 'boolean', 'vi')).toBeNull();
  });

  it('sends counts as numbers, reading a Vietnamese thousands separator', () => {
    expect(toAnswerValue('4', 'integer')).toBe(4);
    expect(toAnswerValue(' 1.000 ', 'integer')).toBe(1000);
    expect(toAnswerValue('12 500', 'integer')).toBe(12500);
  });

  it('leaves the rest to the API, which says what is wrong', () => {
    expect(toAnswerValue('1,5', 'integer')).toBe('1,5');
    expect(toAnswerValue('abc', 'integer')).toBe('abc');
    expect(toAnswerValue('12,5', 'decimal')).toBe('12,5');
    expect(toAnswerValue('', 'decimal')).toBeNull();
    expect(toAnswerValue(false, 'boolean')).toBe(false);
    expect(toAnswerValue('head', 'choice')).toBe('head');
  });

  it('computes the share of a ratio as typed', () => {
    const rule = assessmentCriteria[0]?.children[2]?.rule;
    if (!rule) throw new Error('fixture');
    expect(ratioPercent(rule, { a: '40', b: '50' })).toBe(80);
    expect(ratioPercent(rule, { a: '1,5', b: '3' })).toBe(50);
    expect(ratioPercent(rule, { a: '4', b: '0' })).toBeNull();
    expect(ratioPercent(rule, { a: '', b: '5' })).toBeNull();
  });
});

describe('progress and what is missing', () => {
  it('counts the indicators the unit answers itself, per pillar', () => {
    const [awareness, economy] = pillarsOf(assessmentCriteria);
    expect(answeredCount(awareness?.indicators ?? [], answers)).toEqual({ answered: 2, total: 3 });
    expect(answeredCount(economy?.indicators ?? [], answers)).toEqual({ answered: 0, total: 0 });
    expect(isAnswered(answers.get('8.1') as Answer)).toBeNull();
  });

  it('files what is missing under its indicator', () => {
    const found = missingByIndicator(q1Assessment().missing);
    expect([...found.keys()]).toEqual(['1.1', '1.2']);
    expect(found.get('1.2')?.[0]?.message).toBe('Chỉ số 1.2 cần ít nhất một tài liệu kiểm chứng.');
  });

  it('signs only what the unit enters', () => {
    expect(answerSignature(answers.get('1.3'))).toBe('{"inputs":{"a":29,"b":45},"note":null}');
    expect(answerSignature(answers.get('8.1'))).toBe('{"inputs":{},"note":null}');
  });
});
