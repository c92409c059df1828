import { describe, expect, it } from 'vitest';

import type { CriterionRule } from '@/api/types';
import { i18n } from '@/i18n';

import { describeRule } from './rules';

const t = i18n.getFixedT('vi');
const tEn = i18n.getFixedT('en');

describe('describeRule', () => {
  it('words every rule kind', () => {
    const rules: CriterionRule[] = [
      { kind: 'boolean', input: 'value' },
      { kind: 'choice', input: 'value', points: { head: '20', deputy: '10' } },
      {
        kind: 'bands',
        input: 'value',
        direction: 'higher_is_better',
        bands: [
          { threshold: '4', points: '20' },
          { threshold: '2', points: '10' },
        ],
      },
      {
        kind: 'linear',
        input: 'value',
        goalposts: 'fixed',
        floor: '0',
        target: '100',
        direction: 'higher_is_better',
      },
      { kind: 'relative_to_best', input: 'value' },
      { kind: 'rank', input: 'value', direction: 'higher_is_better', points_by_rank: ['10', '5'] },
      { kind: 'manual' },
      { kind: 'sum_of_children' },
    ];
    expect(rules.map((rule) => describeRule(rule, t, 'vi'))).toEqual([
      ['Đạt điểm tối đa nếu trả lời “Có”, ngược lại 0 điểm.'],
      ['Điểm theo lựa chọn: head → 20; deputy → 10.'],
      ['Điểm theo bậc: từ 4 trở lên: 20 điểm; từ 2 trở lên: 10 điểm.'],
      ['Tuyến tính từ 0 (0 điểm) đến 100 (điểm tối đa).'],
      ['Điểm tối đa × giá trị ÷ giá trị tốt nhất trong nhóm.'],
      ['Điểm theo thứ hạng trong nhóm: hạng 1: 10 điểm; hạng 2: 5 điểm.'],
      ['Người đánh giá chấm điểm (từ 0 đến tối đa) kèm lý do.'],
      ['Tổng điểm các tiêu chí con.'],
    ]);
  });

  it('explains a ratio with its scale and what a zero denominator gives', () => {
    const rule: CriterionRule = {
      kind: 'ratio',
      numerator: 'a',
      denominator: 'b',
      scale: { kind: 'linear', floor: '0', target: '100' },
      zero_denominator: 'not_applicable',
    };
    expect(describeRule(rule, tEn, 'en')).toEqual([
      'Ratio = a ÷ b × 100 (%).',
      'Linear from 0 (0 points) to 100 (full points).',
      'When the denominator is 0: not applicable.',
    ]);
  });

  it('says when lower is better, with decimals in the language', () => {
    const rule: CriterionRule = {
      kind: 'bands',
      input: 'value',
      direction: 'lower_is_better',
      bands: [{ threshold: '2.5', points: '7.5' }],
    };
    expect(describeRule(rule, t, 'vi')).toEqual([
      'Điểm theo bậc: từ 2,5 trở xuống: 7,5 điểm.',
      'Giá trị càng thấp càng tốt.',
    ]);
  });
});
