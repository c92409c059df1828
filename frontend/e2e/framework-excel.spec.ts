import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, openAdmin, signIn, snap } from './support';

/**
 * The framework in Excel: `admin` exports the 2023 framework, changes one max points value and one
 * band threshold and adds an indicator (with openpyxl, as DIC's Excel would), imports it as a draft
 * after reading the preview, and lands on the new draft. The draft is deleted at the end, so the
 * demo data stays as the other journeys expect.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = process.env.DTI_PYTHON ?? join(repo, '.venv', 'bin', 'python');

const EDIT = `
import io, sys
from openpyxl import load_workbook
book = load_workbook(io.BytesIO(sys.stdin.buffer.read()))
def header(sheet): return [c.value for c in sheet[1]]
def find(sheet, **match):
    names = header(sheet)
    for row in range(2, sheet.max_row + 1):
        if all(sheet.cell(row, names.index(k) + 1).value == v for k, v in match.items()):
            return row
def put(sheet, row, name, value): sheet.cell(row, header(sheet).index(name) + 1).value = value
def add(sheet, **values): sheet.append([values.get(h) for h in header(sheet)])
criteria, rules, elements = book["criteria"], book["rules"], book["elements"]
put(criteria, find(criteria, code="1.1"), "max_points", 25)
put(rules, find(rules, criterion="1.2", parameter="band", value=4), "value", 5)
add(elements, code="E-1.9", name_vi="Có trợ lý ảo trả lời người dân",
    name_en="Has a virtual assistant", value_type="boolean", source="self")
add(criteria, code="1.9", parent="1", order=9, name_vi="Trợ lý ảo trả lời người dân",
    name_en="Virtual assistant", max_points=10, rule="boolean", inputs="value=E-1.9")
out = io.BytesIO(); book.save(out); sys.stdout.buffer.write(out.getvalue())
`;

test('admin exports the 2023 framework, edits it in Excel and imports it as a draft', async ({
  page,
  request,
}, testInfo) => {
  await page.goto('/frameworks');
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Bộ chỉ số' })).toBeVisible({
    timeout: 30_000,
  });

  // 1. «Xuất Excel»: the active 2023 framework as a workbook.
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('HCMC-DTI-2023.xlsx');
  const exported = await readFile(await download.path());
  const edited = execFileSync(python, ['-c', EDIT], { input: exported });

  // 2. The import page: the file's code is taken, so the check says so, at its cell.
  await openAdmin(page, 'Nhập bộ chỉ số (Excel)');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nhập bộ chỉ số từ Excel' }),
  ).toBeVisible();
  await expectAccessible(page);
  const file = {
    name: 'bo-chi-so-2024.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: edited,
  };
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(
    page.getByRole('alert').filter({ hasText: 'bo-chi-so-2024.xlsx: 1 lỗi.' }),
  ).toBeVisible();
  await expect(page.locator('.row-errors')).toContainText('Mã bộ chỉ số HCMC-DTI-2023 đã tồn tại.');

  // 3. A new code: the preview shows the totals and exactly the three changes.
  await page.getByLabel('Mã phiên bản mới').fill('HCMC-DTI-2024-E2E');
  await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
  const ok = page.getByRole('status').filter({ hasText: 'không có lỗi' });
  await expect(ok).toBeVisible();
  const changes = page.getByRole('region', { name: 'Thay đổi so với HCMC-DTI-2023' });
  await expect(changes.getByRole('row').filter({ hasText: '1.1' })).toContainText(
    'max_points: 20 → 25',
  );
  // The rule in words, before and after: the first band's threshold moved from 4 to 5.
  const band = changes.getByRole('row').filter({ hasText: '1.2' });
  await expect(band).toContainText('rule: Điểm theo bậc: từ 4 trở lên: 20 điểm;');
  await expect(band).toContainText('→ Điểm theo bậc: từ 5 trở lên: 20 điểm;');
  await expect(changes.getByRole('row').filter({ hasText: 'E-1.9' })).toContainText('Thêm');
  await expect(page.getByText('57 tiêu chí, 47 chỉ số lá')).toBeVisible();
  await snap(page, testInfo, 'framework-import-preview');
  await expectAccessible(page);

  // 4. «Tạo bản dự thảo»: the new draft opens.
  await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
  await expect(page).toHaveURL(/\/frameworks\/\d+$/);
  const draftId = Number(new URL(page.url()).pathname.split('/').at(-1));
  await expect(page.getByText('HCMC-DTI-2024-E2E').first()).toBeVisible();
  await expect(page.getByText('Dự thảo').first()).toBeVisible();

  // Undo: the draft is no round's, so it can go.
  const token = await apiToken(request, 'admin');
  const removed = await request.delete(`/api/v1/frameworks/${draftId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(removed.status()).toBe(204);
});
