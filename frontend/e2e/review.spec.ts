import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import {
  ensureQ1Submitted,
  expectAccessible,
  navLink,
  pdfBytes,
  signIn,
  signOut,
  snap,
} from './support';

/**
 * Thẩm định: the evaluator returns one of Q1's indicators with what to fix; Q1's focal person
 * sees it, fixes it and says so in the thread; the head resubmits; the evaluator accepts it and
 * adjusts another indicator with a reason that Q1 then sees; the progress dashboard shows Q1 done.
 */

function indicator(page: Page, code: string) {
  return page.getByRole('region', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
}

async function openQ1AsReviewer(page: Page) {
  await navLink(page, 'Thẩm định').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thẩm định' })).toBeVisible();
  await page.getByRole('link', { name: 'Q1 – Quận 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
}

async function decide(
  page: Page,
  code: string,
  decision: string,
  comment: string,
  points?: string,
) {
  const panel = indicator(page, code).getByRole('region', { name: `Thẩm định chỉ số ${code}` });
  await panel.getByText(decision, { exact: true }).click();
  if (points !== undefined) await panel.getByLabel(/Điểm sau điều chỉnh/).fill(points);
  if (comment) await panel.getByRole('textbox').fill(comment);
  await panel.getByRole('button', { name: 'Lưu ý kiến' }).click();
}

test('a returned indicator is fixed and resubmitted; an adjustment reaches the unit', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000); // five sign-ins and an accessibility check of a long page each time
  await ensureQ1Submitted(request);

  // --- the evaluator returns 1.2 -----------------------------------------------------------------
  await page.goto('/');
  await signIn(page, 'evaluator');
  await openQ1AsReviewer(page);
  await decide(page, '1.2', 'Trả lại', 'Bổ sung biên bản các cuộc họp quý IV.');
  await expect(page.getByTestId('assessment-status')).toHaveText('Được trả lại để bổ sung');
  await expect(indicator(page, '1.2')).toContainText('Bổ sung biên bản các cuộc họp quý IV.');
  await expectAccessible(page);
  await snap(page, testInfo, 'review-returned');
  await signOut(page);

  // --- Q1's focal person sees it, fixes it and answers in the thread --------------------------------
  await signIn(page, 'q1.editor');
  await navLink(page, 'Tự đánh giá').click();
  const returned = indicator(page, '1.2');
  await expect(returned).toContainText('Trả lại để bổ sung');
  await expect(returned).toContainText('Bổ sung biên bản các cuộc họp quý IV.');
  await expect(indicator(page, '1.3').getByLabel(/^Tử số \(a\)/)).toBeDisabled();
  const meetings = returned.getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm');
  await expect(meetings).toBeEnabled();
  await meetings.fill('6');
  await expect(returned.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await returned.locator('input[type=file]').setInputFiles({
    name: 'bien-ban-quy-iv.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes('Bien ban hop quy IV'),
  });
  await expect(
    returned.getByRole('button', { name: 'Tải xuống bien-ban-quy-iv.pdf' }),
  ).toBeVisible();
  await returned.getByRole('button', { name: /^Trao đổi/ }).click();
  await returned.getByPlaceholder('Viết ý kiến…').fill('Đã bổ sung biên bản 6 cuộc họp.');
  await returned.getByRole('button', { name: 'Gửi' }).click();
  await expect(returned.locator('.comment-body')).toHaveText(['Đã bổ sung biên bản 6 cuộc họp.']);
  await expectAccessible(page);
  await snap(page, testInfo, 'review-fixed-by-unit');
  await signOut(page);

  // --- the head resubmits --------------------------------------------------------------------------
  await signIn(page, 'q1.head');
  await navLink(page, 'Tự đánh giá').click();
  await page.getByRole('button', { name: 'Nộp bài tự đánh giá' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nộp bài tự đánh giá' });
  await dialog.getByRole('button', { name: 'Nộp bài', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('assessment-status')).toHaveText('Đã nộp lại');
  await signOut(page);

  // --- the evaluator accepts 1.2, adjusts 1.3, accepts the rest --------------------------------------
  await signIn(page, 'evaluator');
  await openQ1AsReviewer(page);
  await expect(indicator(page, '1.2').locator('.comment-body')).toHaveCount(0); // thread closed
  await decide(page, '1.2', 'Chấp nhận', '');
  await decide(page, '1.3', 'Điều chỉnh điểm', 'Theo báo cáo của Sở Nội vụ, tỷ lệ đạt 75%.', '15');
  await expect(indicator(page, '1.3')).toContainText('Theo báo cáo của Sở Nội vụ, tỷ lệ đạt 75%.');
  await page.getByRole('button', { name: 'Chấp nhận các chỉ số chưa xét' }).click();
  await page
    .getByRole('tooltip')
    .getByRole('button', { name: 'Chấp nhận các chỉ số chưa xét' })
    .click();
  await expect(page.getByTestId('assessment-status')).toHaveText('Đã được chấp nhận');
  await expectAccessible(page);
  await snap(page, testInfo, 'review-accepted');
  await signOut(page);

  // --- Q1 sees the adjustment and its reason ------------------------------------------------------------
  await signIn(page, 'q1.editor');
  await navLink(page, 'Tự đánh giá').click();
  const adjusted = indicator(page, '1.3');
  await expect(adjusted).toContainText('Điều chỉnh điểm');
  await expect(adjusted).toContainText('15 điểm');
  await expect(adjusted).toContainText('Theo báo cáo của Sở Nội vụ, tỷ lệ đạt 75%.');
  await signOut(page);

  // --- the progress dashboard shows Q1 complete --------------------------------------------------------
  await signIn(page, 'evaluator');
  await navLink(page, 'Tiến độ').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tiến độ' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Q1 – Quận 1' });
  await expect(row.getByTestId('progress-complete')).toHaveText(/Đã nộp đủ/);
  await expect(row).toContainText('Đã được chấp nhận');
  await expectAccessible(page);
  await snap(page, testInfo, 'progress-dashboard');
});
