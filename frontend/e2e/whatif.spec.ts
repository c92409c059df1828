import { expect, test } from '@playwright/test';

import { expectAccessible, navLink, signIn, snap } from './support';

/**
 * Mô phỏng: the evaluator doubles a main indicator's weight on the published 2022 demo round, sees
 * the units whose rank moves, computes rank stability with a seed and downloads the workbook.
 * It writes nothing, so the demo data stays as the other journeys expect it.
 */
test('the evaluator runs a what-if and rank stability on the published round', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000); // two accessibility checks of pages with a table per group
  await page.goto('/sign-in');
  await signIn(page, 'evaluator');
  await navLink(page, 'Mô phỏng').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mô phỏng' })).toBeVisible();
  // The published round is the default, scored with its own framework.
  await expect(page.getByLabel('Kỳ đánh giá để mô phỏng')).toBeVisible();
  await expect(page.getByTitle(/2022 – .*Đã công bố/)).toBeVisible();

  await page.getByLabel('Trọng số mới của tiêu chí 1', { exact: true }).fill('3');
  await page.getByLabel('Trọng số mới của tiêu chí 6', { exact: true }).fill('0');
  await expect(page.getByText('2 thay đổi')).toBeVisible();
  await page.getByRole('button', { name: 'Chạy mô phỏng' }).click();

  const departments = page.getByRole('table', { name: /Thay đổi thứ hạng – nhóm SBN/ });
  // Scoring runs in a worker thread: on a busy machine it may take a while.
  await expect(departments).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: /Thay đổi thứ hạng – nhóm QH/ })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Tóm tắt' });
  await expect(summary.getByText('Thay đổi lớn nhất')).toBeVisible();
  await expect(page.getByText(/Lên \d+ hạng|Xuống \d+ hạng/).first()).toBeAttached();
  await page.getByLabel('Chỉ hiện đơn vị đổi hạng').check();
  await snap(page, testInfo, 'what-if');
  await expectAccessible(page);

  await page.getByRole('tab', { name: 'Độ ổn định thứ hạng' }).click();
  await page.getByLabel('Số lần lấy mẫu').fill('50');
  await page.getByLabel('Hạt giống (seed)').fill('7');
  await page.getByRole('button', { name: 'Tính độ ổn định' }).click();
  await expect(page.getByRole('table', { name: /Độ ổn định thứ hạng – nhóm SBN/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/50 lần lấy mẫu, hạt giống 7/)).toBeVisible();
  await snap(page, testInfo, 'rank-stability');
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải Excel (mô phỏng và độ ổn định)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^mo-phong-ky-\d+\.xlsx$/);
});
