import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import {
  apiToken,
  expectAccessible,
  navLink,
  openAdmin,
  pdfBytes,
  signIn,
  signOut,
  snap,
} from './support';

/**
 * The yearly revision loop (issue 16), as DIC and a unit live it:
 *
 * 1. `admin` exports the 2023 framework to Excel; the test changes one max points value and one
 *    band threshold and adds an indicator with openpyxl (as DIC's Excel would); `admin` imports
 *    the workbook as a draft after reading the check's preview, and sees the diff with 2023.
 * 2. `admin` runs a what-if of the draft on the previous (published) round and sees the rank
 *    changes per group, then rank stability, and downloads the workbook for the City's leaders.
 * 3. `q1.editor` files a proposal on indicator 1.2; `evaluator` accepts it into the draft; Q1 sees
 *    it accepted; the draft's diff names the proposal beside 1.2.
 * 4. `admin` activates the draft, after a confirmation that says what freezing means.
 *
 * The new version is deleted at the end (no round uses it), so the demo data stays as the other
 * journeys expect it.
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

test('DIC revises the framework in Excel, tries it on last round, takes a proposal and activates it', async ({
  page,
  request,
}, testInfo) => {
  // Five sign-ins, two scorings of a whole round and eight accessibility checks on two shared cores.
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36).toUpperCase();
  const code = `HCMC-DTI-2024-E2E-${stamp}`;
  const title = `Tính cả cuộc họp trực tuyến (${stamp})`;

  // === 1. admin: export, edit in Excel, import as a draft ======================================
  await page.goto('/frameworks');
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Bộ chỉ số' })).toBeVisible({
    timeout: 30_000,
  });
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('HCMC-DTI-2023.xlsx');
  const edited = execFileSync(python, ['-c', EDIT], {
    input: await readFile(await download.path()),
  });

  await openAdmin(page, 'Nhập bộ chỉ số (Excel)');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nhập bộ chỉ số từ Excel' }),
  ).toBeVisible();
  const file = {
    name: 'bo-chi-so-2024.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: edited,
  };
  await page.locator('input[type="file"]').setInputFiles(file);
  // The file keeps the 2023 code, which is taken: the check says so, at its cell.
  await expect(
    page.getByRole('alert').filter({ hasText: 'bo-chi-so-2024.xlsx: 1 lỗi.' }),
  ).toBeVisible();
  await expect(page.locator('.row-errors')).toContainText('Mã bộ chỉ số HCMC-DTI-2023 đã tồn tại.');
  await expectAccessible(page);

  // A new code: the preview shows the totals and exactly the three changes.
  await page.getByLabel('Mã phiên bản mới').fill(code);
  await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'không có lỗi' })).toBeVisible();
  const changes = page.getByRole('region', { name: 'Thay đổi so với HCMC-DTI-2023' });
  await expect(changes.getByRole('row').filter({ hasText: '1.1' })).toContainText(
    'max_points: 20 → 25',
  );
  const band = changes.getByRole('row').filter({ hasText: '1.2' });
  await expect(band).toContainText('rule: Điểm theo bậc: từ 4 trở lên: 20 điểm;');
  await expect(band).toContainText('→ Điểm theo bậc: từ 5 trở lên: 20 điểm;');
  await expect(changes.getByRole('row').filter({ hasText: 'E-1.9' })).toContainText('Thêm');
  await expect(page.getByText('57 tiêu chí, 47 chỉ số lá')).toBeVisible();
  await snap(page, testInfo, 'framework-import-preview');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
  await expect(page).toHaveURL(/\/frameworks\/\d+$/);
  const draftId = Number(new URL(page.url()).pathname.split('/').at(-1));
  await expect(page.getByText(code).first()).toBeVisible();
  await expect(page.getByText('Dự thảo').first()).toBeVisible();

  // The diff with the version it came from: points and rules changed are marked.
  await page.getByRole('button', { name: 'So sánh', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'So sánh hai phiên bản bộ chỉ số' }),
  ).toBeVisible();
  const diffRows = page.locator('.framework-diff-table').getByRole('row');
  await expect(diffRows.filter({ hasText: '1.1' }).first()).toContainText('Điểm thay đổi');
  await expect(diffRows.filter({ hasText: '1.2' }).first()).toContainText('Quy tắc thay đổi');
  await expect(diffRows.filter({ hasText: '1.9' }).first()).toContainText('Thêm mới');
  await snap(page, testInfo, 'framework-import-diff');
  await expectAccessible(page);

  // === 2. what-if of the draft on the previous round, and rank stability =======================
  await page.goto(`/frameworks/${draftId}`);
  await page.getByRole('link', { name: 'Mô phỏng với phiên bản này' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mô phỏng' })).toBeVisible();
  // The published 2023 round is the default: the last one with results to compare with.
  await expect(page.getByTitle(/2023 – .*Đã công bố/)).toBeVisible();
  await expect(page.getByTitle(new RegExp(`^${code} – `))).toBeVisible();
  await page.getByRole('button', { name: 'Chạy mô phỏng' }).click();
  const departments = page.getByRole('table', { name: /Thay đổi thứ hạng – nhóm SBN/ });
  // Scoring runs in a worker thread: on a busy machine it may take a while.
  await expect(departments).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: /Thay đổi thứ hạng – nhóm QH/ })).toBeVisible();
  await expect(
    page.getByText('Phiên bản này đọc 1 chỉ tiêu mà kỳ đánh giá chưa thu thập (E-1.9)'),
  ).toBeVisible();
  const summary = page.getByRole('region', { name: 'Tóm tắt' });
  await expect(summary.getByText('Số đơn vị')).toBeVisible();
  // The draft with the main indicators weighted otherwise as well: ranks move.
  await page.getByLabel('Trọng số mới của tiêu chí 1', { exact: true }).fill('3');
  await page.getByLabel('Trọng số mới của tiêu chí 6', { exact: true }).fill('0');
  await expect(page.getByText('2 thay đổi')).toBeVisible();
  await page.getByRole('button', { name: 'Chạy mô phỏng' }).click();
  await expect(summary.getByText('Thay đổi lớn nhất')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Lên \d+ hạng|Xuống \d+ hạng/).first()).toBeAttached();
  await page.getByLabel('Chỉ hiện đơn vị đổi hạng').check();
  await snap(page, testInfo, 'what-if');
  await expectAccessible(page);

  await page.getByRole('tab', { name: 'Độ ổn định thứ hạng' }).click();
  await page.getByLabel('Số lần lấy mẫu').fill('50');
  await page.getByLabel('Hạt giống (seed)').fill('7');
  await page.getByRole('button', { name: 'Tính độ ổn định' }).click();
  await expect(page.getByRole('table', { name: /Độ ổn định thứ hạng – nhóm SBN/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/50 lần lấy mẫu, hạt giống 7/)).toBeVisible();
  await snap(page, testInfo, 'rank-stability');
  const workbook = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải Excel (mô phỏng và độ ổn định)' }).click();
  expect((await workbook).suggestedFilename()).toMatch(/^mo-phong-ky-\d+\.xlsx$/);
  await signOut(page);

  // === 3. Q1 proposes a change to 1.2; the evaluator accepts it into the draft ==================
  await signIn(page, 'q1.editor');
  await navLink(page, 'Đề xuất').click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Đề xuất sửa đổi bộ chỉ số' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Gửi đề xuất' }).click();
  const form = page.getByRole('dialog', { name: 'Gửi đề xuất sửa đổi bộ chỉ số' });
  await expect(form.getByRole('combobox', { name: 'Phiên bản bộ chỉ số' })).toBeVisible();
  const indicator = form.getByRole('combobox', { name: /Chỉ số$/ });
  await indicator.click();
  await indicator.fill('1.2');
  await page.getByTitle(/^1\.2 – /).click();
  await form.getByLabel('Tiêu đề').fill(title);
  await form
    .getByLabel('Lý do đề xuất')
    .fill('Nhiều cuộc họp của Ban chỉ đạo năm qua được tổ chức trực tuyến.');
  await form
    .getByLabel('Nội dung đề xuất')
    .fill('Số cuộc họp (trực tiếp hoặc trực tuyến): ≥4: 20 điểm; 3: 15; 2: 10; 1: 5.');
  await form.locator('input[type=file]').setInputFiles({
    name: 'bien-ban-hop-truc-tuyen.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes('bien ban hop truc tuyen'),
  });
  await form.getByRole('button', { name: 'Gửi đề xuất' }).click();
  const sent = page.getByText(/^Đã gửi đề xuất số \d+\.$/);
  await expect(sent).toBeVisible();
  const proposalId = /\d+/.exec((await sent.textContent()) ?? '')?.[0];
  await expect(form).toBeHidden();
  const filed = page.getByRole('row').filter({ hasText: title });
  await expect(filed).toContainText('Chờ xử lý');
  await expect(filed).toContainText('HCMC-DTI-2023 · Sửa chỉ số · 1.2');
  await expectAccessible(page);
  await snap(page, testInfo, 'proposal-filed');
  await signOut(page);

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
  await page.getByTitle(new RegExp(`^${code} – `)).click();
  await expect(drawer.getByRole('combobox', { name: 'Mã chỉ số trong dự thảo' })).toHaveValue(
    '1.2',
  );
  await drawer.getByLabel('Ghi chú (đơn vị sẽ thấy)').fill('Đã đưa vào dự thảo để lấy ý kiến.');
  await drawer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(page.getByText(/^Đã trả lời đề xuất số \d+\.$/)).toBeVisible();
  await expect(drawer.getByText(`Tiếp nhận vào dự thảo ${code}, chỉ số 1.2.`)).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'proposal-accepted');
  await drawer.getByRole('button', { name: 'Đóng' }).click();
  await expect(drawer).toBeHidden();
  await signOut(page);

  await signIn(page, 'q1.editor');
  await navLink(page, 'Đề xuất').click();
  const accepted = page.getByRole('row').filter({ hasText: title });
  await expect(accepted).toContainText('Tiếp nhận');
  await expect(accepted).toContainText(
    `Tiếp nhận vào dự thảo ${code}, chỉ số 1.2. Đã đưa vào dự thảo để lấy ý kiến.`,
  );
  await snap(page, testInfo, 'proposal-seen-by-unit');
  await signOut(page);

  // === 4. admin sees the proposal in the diff, then activates the draft ========================
  await page.goto(`/frameworks/${draftId}`); // a deep link: sign-in leads on to it
  await signIn(page, 'admin');
  await page.getByRole('button', { name: 'So sánh', exact: true }).click();
  await expect(
    diffRows
      .filter({ hasText: '1.2' })
      .first()
      .getByRole('list', { name: 'Đề xuất gắn với chỉ số 1.2' }),
  ).toContainText(`Đề xuất số ${proposalId} (Q1)`);
  await page.getByRole('link', { name: 'Sửa bản nháp này' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Soạn thảo bộ chỉ số ${code}` }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Kích hoạt…' }).click();
  const activate = page.getByRole('dialog', { name: `Kích hoạt bộ chỉ số ${code}?` });
  await expect(activate).toContainText('Không sửa được nữa');
  await expect(activate).toContainText('Điểm tối đa:');
  await expectAccessible(page);
  await activate.getByRole('button', { name: 'Kích hoạt', exact: true }).click();
  await expect(page.getByText(`Đã kích hoạt bộ chỉ số ${code}.`)).toBeVisible();
  await page.goto(`/frameworks/${draftId}`);
  await expect(page.getByText('Đang áp dụng').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sửa bản nháp' })).toHaveCount(0);
  await snap(page, testInfo, 'framework-activated');

  // Undo: no round uses the new version, so it can go.
  const token = await apiToken(request, 'admin');
  const removed = await request.delete(`/api/v1/frameworks/${draftId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(removed.status()).toBe(204);
});
