import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import {
  apiToken,
  completeQ1,
  expectAccessible,
  pdfBytes,
  openRound,
  signIn,
  signOut,
  snap,
} from './support';

/**
 * Tự đánh giá: Q1's focal person answers three indicators (a choice, a count, a ratio) in the 2024
 * round and uploads evidence; the score preview follows; only the head may submit; after the head
 * submits, the assessment is read-only for the focal person too.
 */

function indicator(page: Page, code: string) {
  return page.getByRole('region', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
}

async function openAssessment(page: Page) {
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Tự đánh giá' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
  await expect(page.getByText('Q1 – Quận 1 · 2024 –')).toBeVisible();
}

test('Q1 self-assessment: the editor answers and uploads, the head submits, then it is read-only', async ({
  page,
  request,
}, testInfo) => {
  // A long page (every indicator of the group), checked by axe and photographed at each step.
  test.setTimeout(180_000);

  // --- q1.editor answers a choice, a count and a ratio --------------------------------------
  await page.goto('/assessment');
  await signIn(page, 'q1.editor');
  await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
  await expect(page.getByText('Q1 – Quận 1 · 2024 –')).toBeVisible();
  await expect(page.getByTestId('assessment-status')).toHaveText('Đang nhập liệu');
  const total = page.getByTestId('preview-total');
  await expect(total).toHaveText('230,8');
  // A figure an agency supplies is read-only and says who supplies it.
  await expect(indicator(page, '8.1')).toContainText(
    'Số liệu do Cục Thuế Thành phố (CUC-THUE) cung cấp',
  );
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-editor-start');

  const choice = indicator(page, '1.1');
  await choice.getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' }).check();
  await expect(choice.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await expect(choice.getByTestId('points-1.1')).toHaveText('20/20 điểm');
  await expect(total).toHaveText('250,8');

  const count = indicator(page, '1.2');
  await count.getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm').fill('4');
  await count.getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm').press('Tab');
  await expect(count.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await expect(count.getByTestId('points-1.2')).toHaveText('20/20 điểm');

  // The API's field error shows under the input, and nothing is lost: the typed value stays.
  const ratio = indicator(page, '1.3');
  const numerator = ratio.getByLabel(/^Tử số \(a\)/);
  const denominator = ratio.getByLabel(/^Mẫu số \(b\)/);
  await denominator.fill('50');
  await numerator.fill('60');
  await expect(ratio.getByText('Tử số (60) không được lớn hơn mẫu số (50).')).toBeVisible();
  await expect(ratio.getByRole('status')).toContainText('Lỗi — chưa lưu.');
  await expect(numerator).toHaveValue('60');
  await snap(page, testInfo, 'assessment-field-error');
  await numerator.fill('40');
  await expect(ratio.getByTestId('ratio-1.3')).toHaveText('Tỷ lệ hiện tại: 80%');
  await expect(ratio.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await expect(ratio.getByTestId('points-1.3')).toHaveText('16/20 điểm');
  await expect(total).toHaveText('269,46');
  await expect(page.getByTestId('pillar-points-1')).toHaveText('72,2 / 100');
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-answered');

  // Evidence for the choice: a small PDF, listed once uploaded.
  await expect(choice).toContainText('Chỉ số 1.1 cần ít nhất một tài liệu kiểm chứng.');
  await choice.locator('input[type=file]').setInputFiles({
    name: 'quyet-dinh-ban-chi-dao.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes('Quyet dinh thanh lap Ban chi dao CDS'),
  });
  await expect(
    choice.getByRole('list', { name: 'Tài liệu kiểm chứng của chỉ số 1.1' }).getByRole('button', {
      name: 'Tải xuống quyet-dinh-ban-chi-dao.pdf',
    }),
  ).toBeVisible();
  await expect(choice).not.toContainText('cần ít nhất một tài liệu kiểm chứng');
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-evidence');

  // An editor cannot submit: no button, a note saying who does, and the API refuses too.
  await expect(page.getByRole('button', { name: 'Nộp bài tự đánh giá' })).toHaveCount(0);
  await expect(
    page.getByText('Lãnh đạo đơn vị sẽ ký duyệt và nộp bài.', { exact: false }),
  ).toBeVisible();
  const editor = { Authorization: `Bearer ${await apiToken(request, 'q1.editor')}` };
  const { id: roundId } = await openRound(request, editor);
  const refused = await request.post(`/api/v1/rounds/${roundId}/units/Q1/submit`, {
    headers: editor,
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { detail: string }).detail).toContain('Chỉ lãnh đạo đơn vị');
  await signOut(page);

  // --- q1.head sees what is missing, then submits once it is complete ------------------------
  await signIn(page, 'q1.head');
  await openAssessment(page);
  await expect(total).toHaveText('269,46');
  await page.getByRole('button', { name: 'Nộp bài tự đánh giá' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nộp bài tự đánh giá' });
  await expect(dialog).toContainText(/Chưa nộp được: còn \d+ mục chưa hoàn thành/);
  await expect(dialog.getByTestId('missing-list')).toContainText(
    'Chỉ số 1.4 chưa được trả lời đầy đủ.',
  );
  await expect(dialog.getByRole('button', { name: 'Nộp bài', exact: true })).toBeDisabled();
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-head-missing');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();

  await completeQ1(request);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
  await expect(page.getByText(/Còn \d+ mục cần hoàn thành/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Nộp bài tự đánh giá' }).click();
  await expect(dialog).toContainText('Bạn xác nhận ký duyệt và nộp bài tự đánh giá của Quận 1?');
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-head-confirm');
  await dialog.getByRole('button', { name: 'Nộp bài', exact: true }).click();
  await expect(dialog).toBeHidden();
  const banner = page.getByTestId('status-banner');
  await expect(banner).toContainText(/Đã nộp lúc .+, bởi Võ Thanh Tùng \(Chủ tịch UBND Quận 1\)/);
  await expect(page.getByTestId('assessment-status')).toHaveText('Đã nộp, chờ thẩm định');
  await expect(page.getByRole('button', { name: 'Nộp bài tự đánh giá' })).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-submitted');
  await signOut(page);

  // --- q1.editor can no longer edit ------------------------------------------------------------
  await signIn(page, 'q1.editor');
  await openAssessment(page);
  await expect(page.getByTestId('status-banner')).toContainText(/Đã nộp lúc .+, bởi Võ Thanh Tùng/);
  await expect(
    indicator(page, '1.2').getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm'),
  ).toBeDisabled();
  await expect(
    indicator(page, '1.2').getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm'),
  ).toHaveValue('4');
  await expect(
    indicator(page, '1.1').getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' }),
  ).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Tải tài liệu lên' })).toHaveCount(0);
  await expect(
    indicator(page, '1.1').getByRole('button', { name: 'Tải xuống quyet-dinh-ban-chi-dao.pdf' }),
  ).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-read-only');
});
