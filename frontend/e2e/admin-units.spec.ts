import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, signIn, snap } from './support';

/**
 * Unit administration as `admin`, through the screens: units imported from an Excel sheet (one
 * bad row: nothing written; fixed: every row applied), a merger of two units recorded with its
 * effective date through the wizard, and the lineage on the new unit's page. The units are test
 * data (codes P-E2E-…), not the city's.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = process.env.DTI_PYTHON ?? join(repo, '.venv', 'bin', 'python');
const HEADER = [
  'code',
  'name_vi',
  'name_en',
  'kind',
  'parent',
  'group',
  'valid_from',
  'predecessors',
];

/** An .xlsx with these rows under the template's header, written by openpyxl (as DIC's Excel). */
function workbook(rows: string[][]): { name: string; mimeType: string; buffer: Buffer } {
  const script = [
    'import io, json, sys',
    'from openpyxl import Workbook',
    'book = Workbook()',
    'for row in json.loads(sys.argv[1]): book.active.append(row)',
    'buffer = io.BytesIO(); book.save(buffer); sys.stdout.buffer.write(buffer.getvalue())',
  ].join('\n');
  return {
    name: 'don-vi-thu-nghiem.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: execFileSync(python, ['-c', script, JSON.stringify([HEADER, ...rows])]),
  };
}

async function unitStatus(request: APIRequestContext, code: string): Promise<number> {
  const headers = { Authorization: `Bearer ${await apiToken(request, 'admin')}` };
  return (await request.get(`/api/v1/units/${code}`, { headers })).status();
}

async function openUnitAdmin(page: Page, tab: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Quản trị đơn vị' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quản trị đơn vị' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Các trang quản trị đơn vị' })
    .getByRole('link', { name: tab })
    .click();
}

test('admin imports units from Excel: a bad row writes nothing, the fixed sheet applies', async ({
  page,
  request,
}, testInfo) => {
  await page.goto('/');
  await signIn(page, 'admin');
  await openUnitAdmin(page, 'Nhập từ Excel');
  await expectAccessible(page);

  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải mẫu nhập đơn vị' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('mau-nhap-don-vi.xlsx');
  expect((await readFile(await download.path())).subarray(0, 2).toString()).toBe('PK');

  const good = [
    ['P-E2E-1', 'Phường thử nghiệm 1', 'Test ward 1', 'ward', 'TPHCM', 'QH', '2025-07-01', ''],
    ['X-E2E-2', 'Xã thử nghiệm 2', 'Test commune 2', 'xã', 'P-E2E-1', '', '01/07/2025', ''],
  ];
  const bad = [
    ...good,
    ['P-E2E-3', 'Phường thử nghiệm 3', 'Test ward 3', 'castle', '', '', '', ''],
  ];
  const picker = page.locator('input[type="file"]');
  await picker.setInputFiles(workbook(bad));
  await expect(
    page.getByRole('alert').filter({ hasText: 'có 1 lỗi: không đơn vị nào được tạo' }),
  ).toBeVisible();
  const row = page.locator('.row-errors').getByRole('row').filter({ hasText: 'castle' });
  await expect(row).toContainText('4');
  await expect(row).toContainText('kind');
  await expect(page.getByRole('button', { name: 'Áp dụng', exact: true })).toHaveCount(0);
  expect(await unitStatus(request, 'P-E2E-1')).toBe(404);
  await snap(page, testInfo, 'units-import-row-error');
  await expectAccessible(page);

  await picker.setInputFiles(workbook(good));
  const checked = page.getByRole('status').filter({ hasText: '2 đơn vị hợp lệ' });
  await expect(checked).toBeVisible();
  await page.getByRole('button', { name: 'Áp dụng', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã tạo 2 đơn vị.' })).toBeVisible();
  expect(await unitStatus(request, 'P-E2E-1')).toBe(200);
  expect(await unitStatus(request, 'X-E2E-2')).toBe(200);
  await page.getByRole('link', { name: 'X-E2E-2' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Xã thử nghiệm 2 (X-E2E-2)' }),
  ).toBeVisible();
  await expect(page.getByText('P-E2E-1', { exact: true })).toBeVisible(); // its parent
});

test('admin records a merger with an effective date and sees the lineage', async ({
  page,
  request,
}, testInfo) => {
  const headers = { Authorization: `Bearer ${await apiToken(request, 'admin')}` };
  for (const [code, name] of [
    ['P-E2E-M1', 'Phường thử nghiệm M1'],
    ['P-E2E-M2', 'Phường thử nghiệm M2'],
  ]) {
    const created = await request.post('/api/v1/units', {
      headers,
      data: {
        code,
        name_vi: name,
        name_en: `${code} ward`,
        kind: 'ward',
        valid_from: '2000-01-01',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
  }

  await page.goto('/');
  await signIn(page, 'admin');
  await openUnitAdmin(page, 'Sáp nhập, chia tách');
  await expect(
    page.getByRole('heading', { name: 'Ghi nhận sáp nhập hoặc chia tách' }),
  ).toBeVisible();
  await expectAccessible(page);

  // 1. The predecessors: M1 whole, M2 a part of it.
  for (const code of ['P-E2E-M1', 'P-E2E-M2']) {
    await page.getByRole('combobox', { name: 'Thêm đơn vị tiền thân' }).click();
    await page.getByRole('combobox', { name: 'Thêm đơn vị tiền thân' }).fill(code);
    await page.locator('.ant-select-item-option').filter({ hasText: code }).click();
  }
  await page
    .getByRole('radiogroup', { name: 'Phần của P-E2E-M2 được chuyển giao' })
    .getByText('Một phần')
    .click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // 2. The effective date and the new unit.
  await page.getByLabel('Ngày có hiệu lực').fill('2025-07-01');
  const successor = page.locator('.ant-card').filter({ hasText: 'Đơn vị kế thừa 1' });
  await successor.getByLabel('Mã').fill('P-E2E-NEW');
  await successor.getByLabel('Tên tiếng Việt').fill('Phường thử nghiệm mới');
  await successor.getByLabel('Tên tiếng Anh').fill('New test ward');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // 3. Review and record.
  await expect(
    page.getByText('P-E2E-M1 – Toàn bộ; hết hiệu lực sau ngày 30/06/2025'),
  ).toBeVisible();
  await expect(page.getByText('P-E2E-M2 – Một phần; tiếp tục hoạt động')).toBeVisible();
  await page.getByRole('button', { name: 'Ghi nhận sáp nhập' }).click();

  // The new unit's page, with its lineage drawn and told.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Phường thử nghiệm mới (P-E2E-NEW)' }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận sáp nhập.' })).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: /Sơ đồ các đơn vị tiền thân và kế thừa của Phường thử nghiệm mới/,
    }),
  ).toBeVisible();
  await expect(page.locator('ol.lineage-events > li')).toHaveText(
    '01/07/2025: Phường thử nghiệm mới (P-E2E-NEW) nhận Phường thử nghiệm M1 (P-E2E-M1) (toàn bộ), Phường thử nghiệm M2 (P-E2E-M2) (một phần)',
  );
  await snap(page, testInfo, 'unit-lineage');
  await expectAccessible(page);

  const m1 = await request.get('/api/v1/units/P-E2E-M1', { headers });
  expect(((await m1.json()) as { valid_to: string }).valid_to).toBe('2025-06-30');
  const m2 = await request.get('/api/v1/units/P-E2E-M2', { headers });
  expect(((await m2.json()) as { valid_to: string | null }).valid_to).toBeNull();
});

test('the units and groups administration pages are accessible', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'admin');
  await openUnitAdmin(page, 'Đơn vị');
  await page.getByRole('searchbox', { name: 'Tìm theo mã hoặc tên' }).fill('Q1');
  await expect(page.getByRole('button', { name: 'Sửa đơn vị Q1', exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByRole('dialog', { name: 'Thêm đơn vị' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Hủy' }).click();

  await openUnitAdmin(page, 'Nhóm xếp hạng');
  await page.getByRole('button', { name: 'Thêm nhóm' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm nhóm xếp hạng' });
  await dialog.getByLabel('Mã').fill('E2E');
  await dialog.getByLabel('Tên tiếng Việt').fill('Nhóm thử nghiệm');
  await dialog.getByLabel('Tên tiếng Anh').fill('Test group');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('cell', { name: 'Nhóm thử nghiệm' })).toBeVisible();
  await expectAccessible(page);
});
