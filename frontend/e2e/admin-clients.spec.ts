import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { expectAccessible, signIn, snap } from './support';

/**
 * The administrator sets up an agency's API client through the screens: picks the agency and its
 * scopes, sees the secret once (it works for a token), then finds the action in the audit trail,
 * filters it, reads what it changed, exports it and verifies the chain.
 */

const CLIENT_ID = 'cuc-thue-e2e';

test('admin creates an API client, sees its secret once, then audits it', async ({
  page,
  request,
}, testInfo) => {
  await page.goto('/');
  await signIn(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await nav.getByRole('link', { name: 'Ứng dụng kết nối' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Ứng dụng kết nối của cơ quan cung cấp số liệu',
    }),
  ).toBeVisible();
  // The demo agencies' clients are listed (ten agencies of step 3 of the plan).
  await expect(page.getByRole('link', { name: 'vp-ubnd', exact: true })).toBeVisible();
  await expect(page.getByText('10 ứng dụng')).toBeVisible();
  await expectAccessible(page);

  // 1. The form: the agency, then its scopes.
  await page.getByRole('button', { name: 'Tạo ứng dụng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tạo ứng dụng kết nối' })).toBeVisible();
  await page.getByLabel('Mã ứng dụng (client_id)').fill(CLIENT_ID);
  await page.getByLabel('Tên ứng dụng').fill('Cục Thuế – hệ thống hóa đơn điện tử (thử)');
  await page.getByRole('combobox', { name: 'Cơ quan cung cấp số liệu' }).click();
  await page.getByTitle('CUC-THUE — Cục Thuế Thành phố').click();
  await page.getByRole('combobox', { name: 'Chỉ tiêu' }).click();
  // Only what the tax office supplies is offered.
  await expect(page.getByTitle(/^E-8\.1-a — /)).toBeVisible();
  await expect(page.getByTitle(/^E-6\.1-a — /)).toHaveCount(0);
  await page.getByTitle(/^E-8\.1-a — /).click();
  await page.getByTitle(/^E-8\.1-b — /).click();
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Đơn vị' }).click();
  await page.getByTitle('Mọi đơn vị (*)').click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Thêm vào phạm vi' }).click();
  await expect(page.getByRole('button', { name: 'Xóa phạm vi E-8.1-a × *' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Xóa phạm vi E-8.1-b × *' })).toBeVisible();
  await expectAccessible(page);

  // 2. Created: the secret, shown once.
  await page.getByRole('button', { name: 'Tạo và hiện khóa bí mật' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`Khóa bí mật của ứng dụng ${CLIENT_ID}`)).toBeVisible();
  const secret = (await dialog.getByTestId('client-secret').innerText()).trim();
  expect(secret.length).toBeGreaterThanOrEqual(32);
  await snap(page, testInfo, 'client-secret');
  await expectAccessible(page);

  // The secret works for a token.
  const token = await request.post('/api/v1/auth/client-token', {
    form: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: secret },
  });
  expect(token.status(), await token.text()).toBe(200);

  await dialog.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: CLIENT_ID });
  await expect(row).toContainText('Đang hoạt động');
  await expect(row).toContainText('2 phạm vi');
  // Used once (the token above); the secret is nowhere on the page any more.
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: CLIENT_ID })).not.toContainText('Chưa dùng');
  await expect(page.getByText(secret)).toHaveCount(0);

  // 3. The audit trail lists the action; the filters narrow to it.
  await nav.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký thay đổi' })).toBeVisible();
  const created = page.getByRole('row').filter({ hasText: `api_client / ${CLIENT_ID}` });
  await expect(created).toContainText('client.create');
  await expectAccessible(page);

  await page.getByRole('combobox', { name: 'Thao tác' }).click();
  await page.getByTitle('client.create', { exact: true }).click();
  await page.getByLabel('Mã đối tượng').fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await expect(page.getByText('1 sự kiện', { exact: true })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'vp-ubnd' })).toHaveCount(0);

  // What it recorded: the scopes, never the secret.
  await page.getByRole('button', { name: /^Xem thay đổi của sự kiện/ }).click();
  const diff = page.getByRole('table', { name: 'Thay đổi trước và sau' });
  await expect(diff).toContainText('scopes[]');
  await expect(diff).toContainText('E-8.1-b');
  await expect(diff).not.toContainText(secret);
  await expectAccessible(page);

  // The object's timeline.
  await page
    .getByRole('button', { name: `Xem dòng thời gian của api_client ${CLIENT_ID}` })
    .click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(`Dòng thời gian: api_client ${CLIENT_ID}`);
  await expect(drawer).toContainText('1 sự kiện, mới nhất trước');
  await expectAccessible(page);
  await drawer.getByRole('button', { name: 'Đóng' }).click();

  // The CSV of what is filtered.
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất CSV' }).click();
  const csv = (await readFile(await (await pending).path())).toString('utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`client.create,api_client,${CLIENT_ID}`);
  expect(csv).not.toContain(secret);

  // The chain verifies.
  await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Chuỗi nhật ký toàn vẹn' }),
  ).toBeVisible();
  await snap(page, testInfo, 'audit-verified');
  await expectAccessible(page);
});
