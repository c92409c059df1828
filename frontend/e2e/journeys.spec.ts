import { expect, test } from '@playwright/test';

import { expectAccessible, pillarRows, signIn, snap } from './support';

test('the sign-in page is in Vietnamese', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
  await expect(page.getByLabel('Mật khẩu')).toBeVisible();
  await expect(page.getByText('Thành phố Hồ Chí Minh', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'sign-in');
});

test("a wrong password shows the API's message, in the screen's language", async ({
  page,
}, testInfo) => {
  await page.goto('/sign-in');
  await signIn(page, 'viewer', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await expectAccessible(page);
  await snap(page, testInfo, 'sign-in-wrong-password-vi');

  await page.getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Username').fill('viewer');
  await page.getByLabel('Password').fill('still-not-it');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Incorrect username or password.');
  await snap(page, testInfo, 'sign-in-wrong-password-en');
});

test('admin signs in and reads the framework: 10 pillars, 1000 points for QH', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await signIn(page, 'admin');

  await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
  await expect(page.getByText('Xin chào, Nguyễn Văn An (quản trị hệ thống)')).toBeVisible();
  await expect(page.getByRole('banner').getByTestId('demo-data-tag')).toHaveText(
    'Dữ liệu minh họa',
  );
  await expectAccessible(page);
  await snap(page, testInfo, 'overview');

  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Bộ chỉ số' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bộ chỉ số' })).toBeVisible();
  await expect(pillarRows(page)).toHaveCount(10);
  await expect(page.getByTestId('criteria-counts')).toContainText('10 trụ cột');
  await expect(page.getByTestId('total-QH')).toHaveText('1000');
  await expect(page.getByTestId('total-SBN')).toHaveText('1000');
  await expectAccessible(page);
  await snap(page, testInfo, 'framework');

  // Only the criteria of group QH: pillar 7 (SBN only) leaves, the total stays 1000.
  await page.getByText('QH – Thành phố Thủ Đức, quận, huyện').click();
  await expect(page).toHaveURL(/group=QH/);
  await expect(pillarRows(page)).toHaveCount(9);
  await expect(page.getByTestId('total-QH')).toHaveText('1000');
  await expect(page.getByTestId('total-SBN')).toHaveCount(0);
  await snap(page, testInfo, 'framework-group-QH');

  await page.getByRole('button', { name: 'Mở rộng tất cả' }).click();
  await page.getByRole('button', { name: 'Xem hướng dẫn tiêu chí 1.1', exact: true }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('Cách xác định');
  await expect(drawer).toContainText('Sở Thông tin và Truyền thông');
  await expectAccessible(page);
  await snap(page, testInfo, 'framework-guidance');
  await drawer.getByRole('button', { name: 'Đóng' }).click();
  await expect(drawer).toBeHidden();

  await page.getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Framework' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Maximum points – QH' })).toBeVisible();
  await expect(page.getByTestId('criteria-counts')).toContainText('9 pillars');
  await expect(page.getByText('Digital awareness', { exact: true })).toBeVisible();
  await expect(page.getByRole('banner').getByTestId('demo-data-tag')).toHaveText('Demo data');
  await expectAccessible(page);
  await snap(page, testInfo, 'framework-en');
});

test('the units, by group', async ({ page }, testInfo) => {
  await page.goto('/units');
  await signIn(page, 'evaluator');
  await expect(page.getByRole('heading', { level: 1, name: 'Đơn vị' })).toBeVisible();
  // Since 1 July 2025 the districts are closed: the city's 168 commune-level units, by official code.
  await expect(page.getByText('Thành phố Thủ Đức, quận, huyện (0)')).toBeVisible();
  await page.getByText('Phường, xã, đặc khu (168)').click();
  await expect(page).toHaveURL(/group=PXDK/);
  await expect(page.getByText('168 đơn vị')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Phường Thủ Dầu Một', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: '25747' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'units-PXDK');
});

test('a deep link survives sign-in and reload; sign-out ends the session', async ({
  page,
}, testInfo) => {
  await page.goto('/frameworks?group=SBN');
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, 'viewer');
  await expect(page).toHaveURL(/\/frameworks\?group=SBN$/);
  await expect(pillarRows(page)).toHaveCount(8);

  // The access token lives in memory only: a reload signs back in with the refresh token.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Bộ chỉ số' })).toBeVisible();
  await expect(pillarRows(page)).toHaveCount(8);

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('Bạn đã đăng xuất.')).toBeVisible();
  await snap(page, testInfo, 'signed-out');
  await page.goto('/frameworks');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a unit user has no units menu, and the page is refused', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await signIn(page, 'q1.editor');
  await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav.getByRole('link', { name: 'Bộ chỉ số' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Đơn vị' })).toHaveCount(0);
  await page.goto('/units');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }),
  ).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'forbidden');
});
