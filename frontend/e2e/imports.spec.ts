import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, signIn, snap } from './support';

/**
 * Nhập số liệu: the Tax Department's staff member downloads the round's template, uploads a sheet
 * with one bad row, reads that row's error (nothing applied), fixes the sheet, checks it again and
 * applies it; the figures then show in Q1's assessment.
 */

const HEADER = 'unit_code,element_code,value';

function sheet(q3Value: string): { name: string; mimeType: string; buffer: Buffer } {
  const lines = [HEADER, 'Q1,E-8.1-a,41250', 'Q1,E-8.1-b,52000', `Q3,E-8.1-a,${q3Value}`];
  return {
    name: 'so-lieu-cuc-thue.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  };
}

test('an agency imports a sheet: one bad row refused, fixed, then applied', async ({
  page,
  request,
}, testInfo) => {
  await page.goto('/');
  await signIn(page, 'cuc-thue.staff');
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Nhập số liệu' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập số liệu' })).toBeVisible();
  await expectAccessible(page);

  // 1. The template: an Excel workbook named after the round.
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải mẫu Excel' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toMatch(/^mau-nhap-so-lieu-ky-\d+\.xlsx$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip container, as .xlsx files are

  // 2. A sheet with one bad row: checked, refused whole, the row's error shown.
  const picker = page.locator('input[type="file"]');
  await picker.setInputFiles(sheet('-5'));
  await expect(
    page.getByRole('alert').filter({ hasText: '1 dòng có lỗi, chưa áp dụng dòng nào.' }),
  ).toBeVisible();
  const errors = page.locator('.row-errors');
  const bad = errors.getByRole('row').filter({ hasText: 'Q3' });
  await expect(bad).toContainText('4'); // the sheet's line (header is line 1)
  await expect(bad).toContainText('E-8.1-a');
  await expect(bad).toContainText('-5');
  await expect(bad).toContainText('Không được nhỏ hơn 0.');
  await expect(page.getByRole('button', { name: 'Áp dụng', exact: true })).toHaveCount(0);
  await snap(page, testInfo, 'imports-row-error');
  await expectAccessible(page);

  // 3. Fixed: the check passes, then the batch is applied with a progress bar on the way.
  await picker.setInputFiles(sheet('12000'));
  const ok = page.getByRole('status').filter({ hasText: 'không có lỗi' });
  await expect(ok).toBeVisible();
  await expect(ok).toContainText('Sẽ cập nhật');
  await page.getByRole('button', { name: 'Áp dụng', exact: true }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Đã áp dụng so-lieu-cuc-thue.csv: cập nhật 3 giá trị.' }),
  ).toBeVisible();

  // 4. The past imports: the applied batch on top, the refused check below it.
  const history = page.locator('.ant-card').filter({ hasText: 'Các lần nhập trước' });
  const rows = history.locator('tr.ant-table-row');
  await expect(rows.first()).toContainText('Đã áp dụng');
  await expect(rows.first()).toContainText('cuc-thue.staff');
  await expect(history.getByText('Bị từ chối')).toBeVisible();
  await snap(page, testInfo, 'imports-applied');

  // 5. The figures reached Q1's assessment (read here through the API, as DIC).
  const token = await apiToken(request, 'evaluator');
  const headers = { Authorization: `Bearer ${token}` };
  const rounds = (await (await request.get('/api/v1/rounds', { headers })).json()) as {
    items: { id: number; year: number }[];
  };
  const round = rounds.items.find((item) => item.year === 2024);
  expect(round).toBeDefined();
  const assessment = (await (
    await request.get(`/api/v1/rounds/${round?.id}/units/Q1/assessment`, { headers })
  ).json()) as { answers: { indicator_code: string; inputs: Record<string, unknown> }[] };
  const answer = assessment.answers.find((item) => item.indicator_code === '8.1');
  expect(answer?.inputs).toEqual({ a: 41250, b: 52000 });
});
