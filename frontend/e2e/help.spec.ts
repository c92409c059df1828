import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, navLink, signIn, snap } from './support';

/**
 * Issue 18: a new unit editor's first sign-in. The admin creates the account (through the API),
 * the editor signs in with the temporary password, changes it, gets the tour of their role,
 * dismisses it (it does not come back), then opens help from the assessment page at the right
 * section and the help centre from there. The account has a unique name and is disabled at the
 * end, so the demo data stays as the other journeys expect.
 */

const PASSWORD = 'mây trắng bay qua đồi';

/** axe on the help drawer alone: the whole assessment page behind it takes axe half a minute,
 * and the assessment journey checks that page. */
async function expectDrawerAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include('.ant-drawer-section')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
  expect(serious).toEqual([]);
}

async function adminHeaders(request: APIRequestContext) {
  return { Authorization: `Bearer ${await apiToken(request, 'admin')}` };
}

test('a new unit editor gets the tour, then help from the assessment page', async ({
  page,
  request,
}, testInfo) => {
  // About 30 s; the margin is for a busy machine (axe runs four times).
  test.setTimeout(120_000);
  const headers = await adminHeaders(request);
  const username = `help.q1.${Date.now().toString(36)}`;
  const created = await request.post('/api/v1/users', {
    headers,
    data: {
      username,
      full_name: 'Trần Thị Hướng Dẫn',
      email: null,
      roles: ['unit_editor'],
      unit_code: 'Q1',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { temporary_password: temporary } = (await created.json()) as {
    temporary_password: string;
  };

  try {
    // === first sign-in: the temporary password is changed first ================================
    await page.goto('/sign-in');
    await signIn(page, username, temporary);
    await expect(page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu tạm' })).toBeVisible();
    await page.getByLabel('Mật khẩu tạm').fill(temporary);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page).toHaveURL(/\/$/);

    // === the tour of the unit editor's role =====================================================
    const tour = page.locator('.ant-tour');
    await expect(tour.getByText('Chào mừng cán bộ đầu mối')).toBeVisible();
    await tour.getByRole('button', { name: 'Tiếp' }).click();
    await expect(tour.getByText('Menu chức năng')).toBeVisible();
    await tour.getByRole('button', { name: 'Tiếp' }).click();
    await expect(tour.getByText('Tự đánh giá', { exact: true })).toBeVisible();
    await expectAccessible(page);
    await snap(page, testInfo, 'help-tour');
    const marked = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/v1/me/tours/unit_editor') &&
        response.request().method() === 'PUT',
    );
    await tour.locator('.ant-tour-close').click();
    expect((await marked).status()).toBe(204);
    await expect(tour).toBeHidden();
    // Kept on the server: it does not come back (in this browser or another).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
    await expect(page.locator('.ant-tour')).toBeHidden();

    // === help from the assessment page opens at the section on entering answers =================
    await navLink(page, 'Tự đánh giá').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
    await page.getByRole('button', { name: 'Trợ giúp cho trang này' }).click();
    const drawer = page.locator('.help-drawer');
    // The guide's text loads on the first opening.
    await expect(drawer).toHaveAttribute('data-section', 'unit-editor-assessment', {
      timeout: 20_000,
    });
    await expect(
      drawer.getByRole('heading', { name: 'Nhập số liệu tự đánh giá', exact: true }),
    ).toHaveAttribute('id', 'unit-editor-assessment');
    await expectDrawerAccessible(page);

    // === the help centre, at the same section ===================================================
    await drawer.getByRole('link', { name: 'Mở trang trợ giúp đầy đủ' }).click();
    await expect(page).toHaveURL(/\/help#unit-editor-assessment$/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Trợ giúp và hướng dẫn sử dụng' }),
    ).toBeVisible();
    await expect(page.locator('#unit-editor-assessment')).toBeFocused();
    await expect(page.getByRole('navigation', { name: 'Mục lục' })).toBeVisible();
    await expectAccessible(page);

    // Replayed from the help centre.
    await page.getByRole('button', { name: 'Xem lại hướng dẫn nhanh' }).click();
    await expect(page.locator('.ant-tour').getByText('Chào mừng cán bộ đầu mối')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.ant-tour')).toBeHidden();
  } finally {
    // The account is the spec's own: disabled, so nothing else counts it as active.
    const disabled = await request.patch(`/api/v1/users/${username}`, {
      headers,
      data: { is_active: false },
    });
    expect(disabled.status(), await disabled.text()).toBe(200);
  }
});
