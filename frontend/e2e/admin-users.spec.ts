import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { apiToken, expectAccessible, signIn, snap } from './support';

/**
 * Người dùng: the admin imports accounts from an Excel file (one bad row: nothing written; the
 * fixed file applied, each account with a temporary password), resets one account's password, and
 * that user signs in with it and must change it before anything else.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = process.env.DTI_PYTHON ?? join(repo, '.venv', 'bin', 'python');

type Row = [string, string, string, string, string];

/** A real .xlsx made by openpyxl (the server's own Python): the template's five columns. */
function workbook(rows: Row[]): { name: string; mimeType: string; buffer: Buffer } {
  const script = [
    'import io, json, sys',
    'from openpyxl import Workbook',
    'book = Workbook()',
    'sheet = book.active',
    'sheet.append(["username", "full_name", "email", "role", "unit_code"])',
    'for row in json.load(sys.stdin): sheet.append([cell or None for cell in row])',
    'out = io.BytesIO(); book.save(out); sys.stdout.buffer.write(out.getvalue())',
  ].join('\n');
  const buffer = execFileSync(python, ['-c', script], { input: JSON.stringify(rows) });
  return { name: 'tai-khoan.xlsx', mimeType: XLSX, buffer };
}

const EDITOR: Row = ['e2e.editor', 'Đặng Thị Hoa', 'hoa.e2e@example.vn', 'unit_editor', 'Q3'];
const BAD_VIEWER: Row = ['e2e.viewer', 'Bùi Văn Khang', 'khong-phai-email', 'viewer', ''];
const VIEWER: Row = ['e2e.viewer', 'Bùi Văn Khang', 'khang.e2e@example.vn', 'viewer', ''];

async function usersNamed(page: Page, token: string, q: string): Promise<number> {
  const response = await page.request.get('/api/v1/users', {
    params: { q },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

test('an admin imports users from Excel and resets a password; the user must change it', async ({
  page,
  request,
}, testInfo) => {
  const token = await apiToken(request, 'admin');
  await page.goto('/');
  await signIn(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Người dùng' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Người dùng' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'q1.editor', exact: true })).toBeVisible();
  await expectAccessible(page);

  // 1. The import page and its template.
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nhập người dùng từ Excel' }),
  ).toBeVisible();
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải mẫu Excel' }).click();
  expect((await pending).suggestedFilename()).toBe('mau-nhap-tai-khoan.xlsx');
  await expectAccessible(page);

  // 2. One bad row: the dry run names it, and nothing is written (an apply is refused whole).
  const bad = workbook([EDITOR, BAD_VIEWER]);
  await page.locator('input[type="file"]').setInputFiles(bad);
  await expect(page.getByText('tai-khoan.xlsx: 1 lỗi', { exact: false })).toBeVisible();
  const errorRow = page.locator('.row-errors tr', { hasText: 'khong-phai-email' });
  await expect(errorRow).toContainText('3');
  await expect(errorRow).toContainText('email');
  await expect(errorRow).toContainText('Địa chỉ e-mail không hợp lệ.');
  await expect(page.getByRole('button', { name: /^Nhập \d+ tài khoản$/ })).toHaveCount(0);
  await expectAccessible(page);
  const refused = await page.request.post('/api/v1/user-imports', {
    data: bad.buffer,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX },
  });
  expect(refused.status()).toBe(422);
  expect(await usersNamed(page, token, 'e2e.')).toBe(0);
  await snap(page, testInfo, 'import-refused');

  // 3. The fixed file: checked, then applied; each account shows its temporary password once.
  await page.locator('input[type="file"]').setInputFiles(workbook([EDITOR, VIEWER]));
  await expect(page.getByText('tai-khoan.xlsx: 2 tài khoản hợp lệ, sẵn sàng nhập.')).toBeVisible();
  expect(await usersNamed(page, token, 'e2e.')).toBe(0);
  await page.getByRole('button', { name: 'Nhập 2 tài khoản' }).click();
  await expect(page.getByText('Đã tạo 2 tài khoản.')).toBeVisible();
  const editorRow = page.locator('tr', { hasText: 'e2e.editor' });
  await expect(editorRow.locator('code')).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  expect(await usersNamed(page, token, 'e2e.')).toBe(2);
  await expectAccessible(page);
  await snap(page, testInfo, 'import-applied');

  // 4. Back in the list: reset the viewer's password; the temporary one shows once.
  await page.getByRole('link', { name: 'Về danh sách người dùng' }).click();
  await page
    .getByRole('searchbox', { name: 'Tìm theo tên đăng nhập, họ tên hoặc e-mail' })
    .fill('e2e.');
  const viewerRow = page.locator('tr', { hasText: 'e2e.viewer' });
  await expect(viewerRow).toContainText('Chờ đổi mật khẩu');
  await expect(page.locator('tr', { hasText: 'q1.editor' })).toHaveCount(0);
  await viewerRow.getByRole('button', { name: 'Cấp lại mật khẩu' }).click();
  await page
    .locator('.ant-popconfirm-buttons')
    .getByRole('button', { name: 'Cấp lại mật khẩu' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Mật khẩu tạm của e2e.viewer' });
  await expect(dialog).toBeVisible();
  const temporary = await dialog.getByLabel('Mật khẩu tạm').inputValue();
  expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expectAccessible(page);
  await snap(page, testInfo, 'reset');
  await dialog.getByRole('button', { name: 'Tôi đã lưu mật khẩu' }).click();
  await expect(dialog).toBeHidden();

  // 5. The user signs in with it and must change it first.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await signIn(page, 'e2e.viewer', temporary);
  await expect(page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu tạm' })).toBeVisible();
  await expect(page).toHaveURL(/\/change-password$/);
  await expectAccessible(page);
  await page.getByLabel('Mật khẩu tạm').fill(temporary);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Password2024!');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('Password2024!');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByText('quá phổ biến', { exact: false })).toBeVisible();
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mưa rào tháng sáu');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('mưa rào tháng sáu');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Tài khoản của tôi: Bùi Văn Khang' })).toBeVisible();

  // 6. The profile page, reachable by everyone from the header.
  await page.getByRole('link', { name: 'Tài khoản của tôi: Bùi Văn Khang' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
  await expect(page.getByText('e2e.viewer')).toBeVisible();
  await expectAccessible(page);
});
