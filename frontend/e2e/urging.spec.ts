import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, round2023, signIn, snap } from './support';

/**
 * Urging (đôn đốc): the 2023 round's deadline has passed; the evaluator picks two late units on the
 * progress page, edits the template (a placeholder per unit), previews it and sends it; each unit's
 * focal person signs in and finds the message under the bell. Runs before the other journeys
 * (playwright.config.ts), while Q1 and SO-TTTT have not submitted; the schedule is put back after.
 */

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

test('the evaluator urges two late units; their focal people read it', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const headers = { Authorization: `Bearer ${await apiToken(request, 'approver')}` };
  const round = await round2023(request, headers);
  const before = await request.get(`/api/v1/rounds/${round.id}`, { headers });
  const { schedule } = (await before.json()) as { schedule: Record<string, unknown> };
  const late = await request.patch(`/api/v1/rounds/${round.id}`, {
    headers,
    data: { schedule: { collecting: { starts_on: daysAgo(60), ends_on: daysAgo(5) } } },
  });
  expect(late.status(), await late.text()).toBe(200);

  try {
    // --- the evaluator picks Q1 and SO-TTTT, both late -------------------------------------------
    await page.goto('/');
    await signIn(page, 'evaluator');
    await expect(page.getByRole('heading', { level: 3, name: 'Việc cần làm' })).toBeVisible();
    await expect(page.getByTestId('todo-item-late_units')).toContainText('đơn vị quá hạn nộp bài');
    await expectAccessible(page);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Tiến độ' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tiến độ' })).toBeVisible();
    for (const code of ['Q1', 'SO-TTTT']) {
      const box = page.getByRole('checkbox', { name: `Chọn ${code}`, exact: true });
      await expect(box.locator('xpath=ancestor::tr')).toContainText('Quá hạn');
      await box.check();
    }
    await page.getByRole('button', { name: 'Đôn đốc (2)' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Đôn đốc 2 đơn vị');

    // --- edited with a placeholder, previewed per unit, sent ----------------------------------
    await dialog.getByLabel('Tiêu đề (tiếng Việt)').fill('Đôn đốc khẩn {unit_code}');
    await expect(dialog.getByTestId('urge-preview-vi')).toContainText('Đôn đốc khẩn Q1');
    await expect(dialog.getByTestId('urge-preview-vi')).toContainText('(đã quá 5 ngày)');
    await expectAccessible(page);
    await snap(page, testInfo, 'urging-preview');
    await dialog.getByRole('button', { name: 'Gửi đôn đốc' }).click();
    await expect(page.getByText(/Đã gửi đôn đốc tới 2 đơn vị \(4 người nhận/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Đôn đốc (0)' })).toBeDisabled();
    await signOut(page);

    // --- each unit's focal person finds it under the bell --------------------------------------
    for (const [username, code, name] of [
      ['q1.editor', 'Q1', 'Quận 1'],
      ['so-tttt.editor', 'SO-TTTT', 'Sở Thông tin và Truyền thông'],
    ] as const) {
      await signIn(page, username);
      await expect(page.getByRole('heading', { level: 3, name: 'Việc cần làm' })).toBeVisible();
      await page.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ }).click();
      const bell = page.getByRole('region', { name: 'Thông báo' });
      await expect(bell).toContainText(`Đôn đốc khẩn ${code}: Kính gửi ${name}`);
      await expectAccessible(page);
      await snap(page, testInfo, `urging-bell-${code}`);
      await page.keyboard.press('Escape');
      await signOut(page);
    }
  } finally {
    const restored = await request.patch(`/api/v1/rounds/${round.id}`, {
      headers,
      data: { schedule },
    });
    expect(restored.status(), await restored.text()).toBe(200);
  }
});
