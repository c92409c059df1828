import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/api/errors';
import { q1Assessment } from '@/test/fixtures';

import { SubmitModal } from './SubmitModal';

function renderModal(props: Partial<Parameters<typeof SubmitModal>[0]> = {}) {
  const handlers = { onSubmit: vi.fn(), onCancel: vi.fn(), onJump: vi.fn() };
  render(
    <SubmitModal
      open
      assessment={q1Assessment()}
      unitName="Quận 1"
      unsaved={[]}
      submitting={false}
      error={null}
      {...handlers}
      {...props}
    />,
  );
  return {
    ...handlers,
    dialog: screen.getByRole('dialog', { name: 'Nộp bài tự đánh giá' }),
    user: userEvent.setup(),
  };
}

describe('submit confirmation', () => {
  it('lists what is missing, links each item to its indicator, and cannot submit', async () => {
    const { dialog, onJump, onSubmit, user } = renderModal();
    expect(
      within(dialog).getByText('Chưa nộp được: còn 2 mục chưa hoàn thành'),
    ).toBeInTheDocument();
    const items = within(within(dialog).getByTestId('missing-list')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Chỉ số 1.1 chưa được trả lời đầy đủ.',
      'Chỉ số 1.2 cần ít nhất một tài liệu kiểm chứng.',
    ]);
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Chỉ số 1.2 cần ít nhất một tài liệu kiểm chứng.',
      }),
    );
    expect(onJump).toHaveBeenCalledWith('1.2');
    const submit = within(dialog).getByRole('button', { name: 'Nộp bài' });
    expect(submit).toBeDisabled();
    await user.click(submit);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('asks for confirmation when nothing is missing', async () => {
    const { dialog, onSubmit, user } = renderModal({ assessment: q1Assessment({ missing: [] }) });
    expect(
      within(dialog).getByText('Bạn xác nhận ký duyệt và nộp bài tự đánh giá của Quận 1?'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Điểm tạm tính: 33,89/80 điểm.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Nộp bài' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('holds back while typed input is not saved', () => {
    const { dialog } = renderModal({ assessment: q1Assessment({ missing: [] }), unsaved: ['1.3'] });
    expect(within(dialog).getByText(/Còn thay đổi chưa lưu được ở chỉ số 1.3/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Nộp bài' })).toBeDisabled();
  });

  it("shows the API's refusal as it comes", () => {
    const error = new ApiError(403, {
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'Chỉ lãnh đạo đơn vị (unit_head) mới được ký duyệt và nộp bài tự đánh giá.',
      code: 'assessment.head_only',
    });
    const { dialog } = renderModal({ assessment: q1Assessment({ missing: [] }), error });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Chỉ lãnh đạo đơn vị (unit_head) mới được ký duyệt',
    );
  });
});
