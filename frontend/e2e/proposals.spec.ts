import { expect, test } from '@playwright/test';

import {
  apiToken,
  expectAccessible,
  navLink,
  pdfBytes,
  round2023,
  signIn,
  signOut,
  snap,
} from './support';

/**
 * Đề xuất: Q1's focal person proposes a change to indicator 1.2 of the 2023 framework with a
 * file; the evaluator accepts it into a draft of the next version, linked to 1.2 there; Q1 sees
 * it accepted. The draft is this journey's own (cloned from 2023 through the API) and stays; no
 * existing framework or round changes.
 */
test('a unit files a proposal that DIC accepts into a draft, and the unit sees it', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(90_000); // three sign-ins and two accessibility checks on two shared cores
  const stamp = Date.now().toString(36).toUpperCase();
  const draftCode = `DU-THAO-DE-XUAT-${stamp}`;
  const title = `Tính cả cuộc họp trực tuyến (${stamp})`;

  // --- set-up: DIC's draft of the next version, cloned from the 2023 framework -------------------
  const admin = { Authorization: `Bearer ${await apiToken(request, 'admin')}` };
  const round = await round2023(request, admin);
  const cloned = await request.post(`/api/v1/frameworks/${round.framework_id}/clone`, {
    headers: admin,
    data: { code: draftCode, title_vi: `Dự thảo bộ chỉ số (${stamp})`, year: 2024 },
  });
  expect(cloned.status(), await cloned.text()).toBe(201);
  const draft = (await cloned.json()) as { id: number; code: string; title_vi: string };

  // --- Q1 files the proposal, with a file --------------------------------------------------------
  await page.goto('/');
  await signIn(page, 'q1.editor');
  await navLink(page, 'Đề xuất').click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Đề xuất sửa đổi bộ chỉ số' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Gửi đề xuất' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gửi đề xuất sửa đổi bộ chỉ số' });
  await expect(dialog.getByRole('combobox', { name: 'Phiên bản bộ chỉ số' })).toBeVisible();
  const indicator = dialog.getByRole('combobox', { name: /Chỉ số$/ });
  await indicator.click();
  await indicator.fill('1.2');
  await page.getByTitle(/^1\.2 – /).click();
  await dialog.getByLabel('Tiêu đề').fill(title);
  await dialog
    .getByLabel('Lý do đề xuất')
    .fill('Nhiều cuộc họp của Ban chỉ đạo năm qua được tổ chức trực tuyến.');
  await dialog
    .getByLabel('Nội dung đề xuất')
    .fill('Số cuộc họp (trực tiếp hoặc trực tuyến): ≥4: 20 điểm; 3: 15; 2: 10; 1: 5.');
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'bien-ban-hop-truc-tuyen.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes('bien ban hop truc tuyen'),
  });
  await dialog.getByRole('button', { name: 'Gửi đề xuất' }).click();
  await expect(page.getByText(/^Đã gửi đề xuất số \d+\.$/)).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('Chờ xử lý');
  await expect(row).toContainText('HCMC-DTI-2023 · Sửa chỉ số · 1.2');
  await expectAccessible(page);
  await snap(page, testInfo, 'proposal-filed');
  await signOut(page);

  // --- the evaluator accepts it into the draft, linked to 1.2 -------------------------------------
  await signIn(page, 'evaluator');
  await navLink(page, 'Đề xuất').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đề xuất của đơn vị' })).toBeVisible();
  await page.getByRole('button', { name: title }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('heading', { name: title })).toBeVisible();
  await expect(
    drawer.getByRole('button', { name: 'Tải xuống bien-ban-hop-truc-tuyen.pdf' }),
  ).toBeVisible();
  await drawer.getByText('Tiếp nhận vào dự thảo', { exact: true }).click();
  await drawer.getByRole('combobox', { name: 'Bộ chỉ số dự thảo' }).click();
  await page.getByTitle(`${draft.code} – ${draft.title_vi}`).click();
  await expect(drawer.getByRole('combobox', { name: 'Mã chỉ số trong dự thảo' })).toHaveValue(
    '1.2',
  );
  await drawer.getByLabel('Ghi chú (đơn vị sẽ thấy)').fill('Đã đưa vào dự thảo để lấy ý kiến.');
  await drawer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(page.getByText(/^Đã trả lời đề xuất số \d+\.$/)).toBeVisible();
  await expect(drawer.getByText(`Tiếp nhận vào dự thảo ${draft.code}, chỉ số 1.2.`)).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'proposal-accepted');

  // The draft's criterion 1.2 names the proposal it answers.
  const links = await request.get(`/api/v1/frameworks/${draft.id}/proposals`, { headers: admin });
  expect((await links.json()) as { title: string; target_criterion_code: string }[]).toEqual([
    expect.objectContaining({ title, target_criterion_code: '1.2' }),
  ]);
  await drawer.getByRole('button', { name: 'Đóng' }).click();
  await expect(drawer).toBeHidden();
  await signOut(page);

  // --- Q1 sees it accepted -----------------------------------------------------------------------
  await signIn(page, 'q1.editor');
  await navLink(page, 'Đề xuất').click();
  const accepted = page.getByRole('row').filter({ hasText: title });
  await expect(accepted).toContainText('Tiếp nhận');
  await expect(accepted).toContainText(
    `Tiếp nhận vào dự thảo ${draft.code}, chỉ số 1.2. Đã đưa vào dự thảo để lấy ý kiến.`,
  );
  await snap(page, testInfo, 'proposal-seen-by-unit');
});
