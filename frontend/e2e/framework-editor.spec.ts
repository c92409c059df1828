import { expect, test } from '@playwright/test';

import { expectAccessible, navLink, signIn, snap } from './support';

/**
 * The framework editor: `admin` clones the 2023 framework into a draft, edits the band rule of
 * indicator 1.2 and sees the worked example (computed by the engine) change, saves, opens the diff
 * with the 2023 version, looks at the activation dialog without activating, and deletes the draft,
 * leaving the demo data as it found it.
 */

const DRAFT = 'E2E-EDITOR-DRAFT';

test('admin clones a framework, edits a band rule, saves, diffs and deletes the draft', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await signIn(page, 'admin');
  await navLink(page, 'Bộ chỉ số').click();
  const version = page.getByLabel('Phiên bản bộ chỉ số');
  await version.click();
  await page.getByRole('option', { name: /^HCMC-DTI-2023/ }).click();

  // 1. A new draft cloned from the 2023 framework.
  await page.getByRole('button', { name: 'Phiên bản mới' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Phiên bản bộ chỉ số mới' }),
  ).toBeVisible();
  await expect(page.getByLabel('Phiên bản nguồn')).toBeVisible();
  await page.getByLabel('Mã phiên bản').fill(DRAFT);
  await page.getByLabel('Năm').fill('2026');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Tạo bản nháp' }).click();

  // 2. The editor: the totals per group, the tree, the criterion's form.
  await expect(
    page.getByRole('heading', { level: 1, name: `Soạn thảo bộ chỉ số ${DRAFT}` }),
  ).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Đã lưu mọi thay đổi');
  const tree = page.locator('.criteria-tree');
  await tree.getByText('Số cuộc họp của Ban chỉ đạo CĐS trong năm').click();
  const form = page.getByRole('region', { name: 'Tiêu chí đang chọn' });
  await expect(form.getByLabel('Mã', { exact: true })).toHaveValue('1.2');
  await expect(form.getByLabel('Cách chấm điểm')).toBeVisible();

  // The worked example, by the engine: the first band's threshold (4) gives 20 points.
  const example = page.getByTestId('worked-example');
  await expect(example).toContainText('Giá trị 4 → 20 điểm (tối đa 20)');
  await form.getByLabel('Giá trị value').fill('3');
  await expect(example).toContainText('Giá trị 3 → 15 điểm (tối đa 20)');

  // Edit the band "3 meetings": 15 → 12 points; the example follows.
  await form.getByLabel('Điểm bậc 2').fill('12');
  await expect(example).toContainText('Giá trị 3 → 12 điểm (tối đa 20)');
  await expect(page.getByTestId('save-state')).toHaveText('Có thay đổi chưa lưu');

  // A band worth more than the maximum is refused at its field, as you type.
  await form.getByLabel('Điểm bậc 1').fill('25');
  await expect(form.getByText(/25.*20|vượt/).first()).toBeVisible();
  await expect(example).toContainText('Chưa tính được ví dụ');
  await form.getByLabel('Điểm bậc 1').fill('20');
  await expect(example).toContainText('Giá trị 3 → 12 điểm (tối đa 20)');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Đã lưu mọi thay đổi');

  // 3. Activation says what freezing means; cancelled here (the draft is deleted below).
  await page.getByRole('button', { name: 'Kích hoạt…' }).click();
  const dialog = page.getByRole('dialog', { name: `Kích hoạt bộ chỉ số ${DRAFT}?` });
  await expect(dialog).toContainText('Không sửa được nữa');
  await expect(dialog).toContainText('sao chép nó thành bản nháp mới');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();

  // 4. The diff with the 2023 version: indicator 1.2's rule changed, its points did not.
  await page.getByRole('link', { name: 'So sánh phiên bản' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'So sánh hai phiên bản bộ chỉ số' }),
  ).toBeVisible();
  const row = page.locator('.framework-diff-table').getByRole('row').filter({ hasText: '1.2' });
  await expect(row).toContainText('Quy tắc thay đổi');
  await expect(row).toContainText('từ 3 trở lên: 15 điểm');
  await expect(row).toContainText('từ 3 trở lên: 12 điểm');
  await snap(page, testInfo, 'framework-editor-diff');
  await expectAccessible(page);

  // 5. The draft is deleted: the demo data is as it was.
  await page.getByRole('link', { name: 'Sửa bản nháp này' }).click();
  await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
  const confirm = page.getByRole('tooltip').filter({ hasText: `Xóa bản nháp ${DRAFT}?` });
  await expect(confirm).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Xóa bản nháp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bộ chỉ số' })).toBeVisible();
  await version.click();
  await expect(page.getByRole('option', { name: new RegExp(`^${DRAFT}`) })).toHaveCount(0);
});
