import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { DataElement, ValueType } from '@/api/types';
import { assessmentElements } from '@/test/fixtures';

import type { InputText } from '../values';

import type { AnswerInputProps } from './AnswerInput';
import { AnswerInput } from './AnswerInput';

const choiceElement = assessmentElements[0] as DataElement;

function renderInput(type: ValueType, value: InputText, extra: Partial<AnswerInputProps> = {}) {
  const onChange = vi.fn();
  const onBlur = vi.fn();
  render(
    <>
      <span id="label">Câu hỏi</span>
      <AnswerInput
        id="answer"
        labelId="label"
        type={type}
        value={value}
        element={undefined}
        disabled={false}
        invalid={false}
        onChange={onChange}
        onBlur={onBlur}
        {...extra}
      />
    </>,
  );
  return { onChange, onBlur, user: userEvent.setup() };
}

describe('answer input', () => {
  it('asks yes or no for a boolean, and saves a click at once', async () => {
    const { onChange, user } = renderInput('boolean', null);
    expect(screen.getByRole('radiogroup', { name: 'Câu hỏi' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Có' }));
    expect(onChange).toHaveBeenCalledWith(true, true);
    await user.click(screen.getByRole('radio', { name: 'Không' }));
    expect(onChange).toHaveBeenLastCalledWith(false, true);
  });

  it("lists a choice's options with the points each earns", async () => {
    const { onChange, user } = renderInput('choice', 'deputy', {
      element: choiceElement,
      optionPoints: { head: '20', deputy: '10', none: '0' },
    });
    expect(
      screen.getByRole('radio', { name: 'Cấp phó của người đứng đầu (10 điểm)' }),
    ).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' }));
    expect(onChange).toHaveBeenCalledWith('head', true);
  });

  it('takes a count as typed text, saved after a pause or when the field is left', async () => {
    const { onChange, onBlur, user } = renderInput('integer', '');
    const input = screen.getByRole('textbox');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    await user.type(input, '7');
    expect(onChange).toHaveBeenCalledWith('7', false);
    await user.tab();
    expect(onBlur).toHaveBeenCalled();
  });

  it('shows a percent with its sign, and marks an invalid value for screen readers', () => {
    renderInput('percent', '12,5', { invalid: true, describedBy: 'error' });
    const input = screen.getByRole('textbox');
    expect(input).toHaveValue('12,5');
    expect(input).toHaveAttribute('inputmode', 'decimal');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', 'error');
    expect(screen.getByText('%')).toBeInTheDocument();
  });

  it('is disabled when the assessment cannot be edited', () => {
    renderInput('boolean', true, { disabled: true });
    expect(screen.getByRole('radio', { name: 'Có' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'Có' })).toBeChecked();
  });
});
