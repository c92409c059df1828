import { describe, expect, it } from 'vitest';

import type { components } from '@/api/schema';

import { placeholderValues, renderTemplate, templateProblem } from './template';

type UnitProgress = components['schemas']['UnitProgress'];

const unit: UnitProgress = {
  unit_code: 'H-CC',
  unit_name_vi: 'Huyện Củ Chi',
  group: 'QH',
  status: 'in_progress',
  indicators: 20,
  answered: 15,
  answered_pct: '75.00',
  evidence_needed: 4,
  evidence_done: 1,
  evidence_pct: '25.00',
  returned: 0,
  last_activity: null,
  deadline: '2025-03-10',
  deadline_at: '2025-03-10T16:59:59Z',
  extended_until: null,
  overdue: true,
  complete: false,
};
const round = { title_vi: 'Kỳ 2025', title_en: '2025 round' };

describe('urging templates', () => {
  it('fill every placeholder for the unit, in the language, counting days late to the table’s day', () => {
    const vi = placeholderValues(unit, round, '2025-03-15', 'vi');
    expect(
      renderTemplate(
        '{unit} ({unit_code}), kỳ «{round}»: hạn {deadline}, trễ {days_late} ngày, còn {answers_left} chỉ số ({answered_pct}%).',
        vi,
      ),
    ).toBe('Huyện Củ Chi (H-CC), kỳ «Kỳ 2025»: hạn 10/03/2025, trễ 5 ngày, còn 5 chỉ số (75.00%).');
    const en = placeholderValues(unit, round, '2025-03-15', 'en');
    expect(renderTemplate('«{round}»', en)).toBe('«2025 round»');
  });

  it('count no days late before the deadline, and say so when there is none', () => {
    expect(placeholderValues(unit, round, '2025-03-01', 'vi').days_late).toBe('0');
    const undated = placeholderValues({ ...unit, deadline: null }, round, '2025-03-15', 'vi');
    expect([undated.deadline, undated.days_late]).toEqual(['—', '0']);
  });

  it('keep doubled braces as one literal brace', () => {
    const values = placeholderValues(unit, round, '2025-03-15', 'vi');
    expect(renderTemplate('{{unit}} = {unit}; }}', values)).toBe('{unit} = Huyện Củ Chi; }');
    expect(templateProblem('{{unit}}')).toBeNull();
  });

  it('name what the API would refuse: unknown placeholders and unbalanced braces', () => {
    expect(templateProblem('Kính gửi {unit}')).toBeNull();
    expect(templateProblem('Kính gửi {don_vi}')).toEqual({ kind: 'unknown', name: 'don_vi' });
    expect(templateProblem('{unit.__class__}')).toEqual({
      kind: 'unknown',
      name: 'unit.__class__',
    });
    expect(templateProblem('{}')).toEqual({ kind: 'unknown', name: '' });
    expect(templateProblem('hạn {deadline')).toEqual({ kind: 'braces' });
    expect(templateProblem('hạn } ')).toEqual({ kind: 'braces' });
    expect(templateProblem('{a{b}')).toEqual({ kind: 'braces' });
    // A text with a problem is shown as it is, never half-filled.
    const values = placeholderValues(unit, round, '2025-03-15', 'vi');
    expect(renderTemplate('{unit} {nope}', values)).toBe('{unit} {nope}');
  });
});
