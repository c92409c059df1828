import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import type { RuleDoc } from '../document';
import { defaultRule, exampleValues, ruleInputs } from '../rule-shapes';
import type { ChoiceOption, RuleErrors } from './RuleEditor';
import { RuleEditor } from './RuleEditor';
import { parseOthers, previewRequest } from './RuleSection';

/** The form with its rule held as state, as the criterion form holds it; `seen` gets each change. */
function renderRule(
  initial: RuleDoc,
  { errors = {}, options = [] }: { errors?: RuleErrors; options?: ChoiceOption[] } = {},
) {
  const seen: RuleDoc[] = [];
  function Harness() {
    const [rule, setRule] = useState(initial);
    return (
      <RuleEditor
        rule={rule}
        maxPoints="20"
        errors={errors}
        choiceOptions={options}
        idPrefix="test"
        onChange={(next) => {
          seen.push(next);
          setRule(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { last: () => seen[seen.length - 1] };
}

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('rule forms, one per kind', () => {
  it('boolean: says how it scores', () => {
    renderRule(defaultRule('boolean', '20'));
    expect(screen.getByText(/Đạt điểm tối đa nếu trả lời “Có”/)).toBeInTheDocument();
  });

  it('choice: points per option of the element', () => {
    const options = [
      { value: 'head', label: 'head – Người đứng đầu' },
      { value: 'deputy', label: 'deputy – Cấp phó' },
    ];
    const { last } = renderRule(defaultRule('choice', '20', ['head', 'deputy']), { options });
    type('Điểm cho «deputy – Cấp phó»', '10');
    expect(last()).toEqual({ kind: 'choice', input: 'value', points: { head: '0', deputy: '10' } });
  });

  it('choice: asks for a choice element first', () => {
    renderRule(defaultRule('choice', '20'));
    expect(screen.getByText(/Chọn một chỉ tiêu số liệu dạng lựa chọn/)).toBeInTheDocument();
  });

  it('bands: thresholds and points, rows added and removed, direction', () => {
    const { last } = renderRule(defaultRule('bands', '20'));
    fireEvent.click(screen.getByRole('button', { name: 'Thêm bậc' }));
    type('Ngưỡng bậc 2', '3');
    type('Điểm bậc 2', '15');
    fireEvent.click(screen.getByLabelText('Càng thấp càng tốt'));
    expect(last()).toEqual({
      kind: 'bands',
      input: 'value',
      direction: 'lower_is_better',
      bands: [
        { threshold: '1', points: '20' },
        { threshold: '3', points: '15' },
      ],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Xóa bậc 1' }));
    expect(last()).toMatchObject({ bands: [{ threshold: '3', points: '15' }] });
  });

  it('bands: the API message shows at its field', () => {
    renderRule(defaultRule('bands', '20'), {
      errors: { 'bands[0].points': 'Điểm 25 vượt điểm tối đa 20.' },
    });
    expect(screen.getByText('Điểm 25 vượt điểm tối đa 20.')).toBeInTheDocument();
  });

  it('linear: fixed goalposts, or the group goalposts with a direction', () => {
    const { last } = renderRule(defaultRule('linear', '20'));
    type('Sàn (0 điểm)', '10');
    type('Đích (điểm tối đa)', '90');
    expect(last()).toMatchObject({ goalposts: 'fixed', floor: '10', target: '90' });
    fireEvent.click(screen.getByLabelText('Thấp nhất và cao nhất của nhóm'));
    expect(last()).toEqual({
      kind: 'linear',
      input: 'value',
      goalposts: 'group_min_max',
      floor: null,
      target: null,
      direction: 'higher_is_better',
    });
    fireEvent.click(screen.getByLabelText('Càng thấp càng tốt'));
    expect(last()).toMatchObject({ direction: 'lower_is_better' });
  });

  it('ratio: a linear scale, or bands, and what a zero denominator does', () => {
    const { last } = renderRule(defaultRule('ratio', '20'));
    type('Đích (%, điểm tối đa)', '80');
    expect(last()).toMatchObject({ scale: { kind: 'linear', floor: '0', target: '80' } });
    fireEvent.click(screen.getByLabelText('Theo bậc'));
    type('Điểm bậc 1', '12');
    expect(last()).toMatchObject({
      scale: {
        kind: 'bands',
        direction: 'higher_is_better',
        bands: [{ threshold: '50', points: '12' }],
      },
    });
    fireEvent.click(screen.getByLabelText(/không tính vào điểm và điểm tối đa/));
    expect(last()).toMatchObject({ zero_denominator: 'not_applicable' });
  });

  it('relative to the best: says how it scores', () => {
    renderRule(defaultRule('relative_to_best', '20'));
    expect(
      screen.getByText('Điểm tối đa × giá trị ÷ giá trị tốt nhất trong nhóm.'),
    ).toBeInTheDocument();
  });

  it('rank: points per rank, ranks added and removed', () => {
    const { last } = renderRule(defaultRule('rank', '20'));
    fireEvent.click(screen.getByRole('button', { name: 'Thêm hạng' }));
    type('Điểm hạng 2', '10');
    expect(last()).toMatchObject({ kind: 'rank', points_by_rank: ['20', '10'] });
    fireEvent.click(screen.getByRole('button', { name: 'Xóa hạng 1' }));
    expect(last()).toMatchObject({ points_by_rank: ['10'] });
  });

  it('manual: says the reviewer sets the points', () => {
    renderRule(defaultRule('manual', '20'));
    expect(
      screen.getByText('Người đánh giá chấm điểm (từ 0 đến tối đa) kèm lý do.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Cách chấm điểm' })).toBeInTheDocument();
  });

  it('sum of children: inner nodes have no kind to pick', () => {
    renderRule({ kind: 'sum_of_children' });
    expect(screen.queryByRole('combobox', { name: 'Cách chấm điểm' })).toBeNull();
  });
});

describe('the worked example request', () => {
  it('sends the example values of the inputs the rule reads', () => {
    const rule = defaultRule('ratio', '20');
    expect(ruleInputs(rule).map((input) => input.name)).toEqual(['a', 'b']);
    expect(previewRequest(rule, '20', 'SBN', exampleValues(rule), '', '')).toMatchObject({
      max_points: '20',
      inputs: { a: '3', b: '4' },
      group: 'SBN',
    });
  });

  it("sends the other units' values for a group-relative rule", () => {
    const rule = defaultRule('rank', '20');
    const request = previewRequest(rule, '20', 'QH', { value: '5' }, '2; 10,5', '');
    expect(request?.others).toEqual([{ value: '2' }, { value: '10.5' }]);
    expect(parseOthers('2, 10')).toEqual(['2', '10']);
  });

  it("sends the reviewer's points for a manual rule, and nothing without max points", () => {
    const rule = defaultRule('manual', '20');
    expect(previewRequest(rule, '20', 'SBN', {}, '', '12')?.reviewer_points).toBe('12');
    expect(previewRequest(rule, '', 'SBN', {}, '', '12')).toBeNull();
  });
});
