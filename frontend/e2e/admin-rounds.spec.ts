import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, signIn, snap } from './support';

/**
 * Thiết lập kỳ đánh giá: the approver creates the 2027 round through the wizard (framework, titles,
 * groups; the participants preview, one unit left out; the schedule in city time with
 * auto-advance), then extends one unit's deadline with a reason. The API shows what the screens
 * sent: times in UTC, the unit's own deadline. The round is removed at the end (still a draft), so
 * the other journeys keep the 2023 round as the newest.
 */

const TITLE_VI = 'Đánh giá chỉ số CĐS năm 2027 (thử nghiệm)';
let createdId: number | undefined;

interface RoundBody {
  id: number;
  title_vi: string;
  unit_count: number;
  auto_advance: boolean;
  schedule: Record<string, { starts_at: string | null; ends_at: string | null }>;
}
interface DeadlineBody {
  unit_code: string;
  extended_until: string | null;
  deadline: string | null;
  reason: string | null;
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name });
}

test.afterAll(async ({ request }) => {
  if (createdId === undefined) return;
  const token = await apiToken(request, 'approver');
  await request.delete(`/api/v1/rounds/${createdId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
});

test('the approver creates a round with a schedule and extends one unit', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await signIn(page, 'approver');
  await nav(page, 'Thiết lập kỳ đánh giá').click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Thiết lập kỳ đánh giá' }),
  ).toBeVisible();
  await expect(page.getByRole('cell', { name: 'HCMC-DTI-2023' }).first()).toBeVisible();
  await expectAccessible(page);

  // --- the wizard: the round ----------------------------------------------------------------------
  await page.getByRole('button', { name: 'Tạo kỳ đánh giá' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tạo kỳ đánh giá' })).toBeVisible();
  await page.getByLabel('Bộ chỉ số').click();
  // The visible item (antd's role="option" copies are for screen readers, off screen).
  await page.locator('.ant-select-item-option', { hasText: 'HCMC-DTI-2023' }).click();
  await page.getByLabel('Năm đánh giá').fill('2027');
  await page.getByLabel('Tên kỳ (tiếng Việt)').fill(TITLE_VI);
  await page.getByLabel('Tên kỳ (tiếng Anh)').fill('2027 DX index assessment (trial)');
  await expect(page.getByLabel('Ngày tham chiếu')).toHaveValue('2027-12-31');
  const groups = page.getByRole('group', { name: 'Nhóm xếp hạng tham gia' });
  await expect(groups.getByRole('checkbox')).toHaveCount(2);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // --- the participants: every unit in force at the end of 2027, one left out ---------------------
  await expect(page.getByText(/^47 đơn vị sẽ tham gia/)).toBeVisible();
  await page.getByRole('checkbox', { name: 'H-CC tham gia' }).uncheck();
  await expect(page.getByText(/^46 đơn vị sẽ tham gia/)).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'create-participants');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // --- the schedule, in city time -------------------------------------------------------------------
  const phase = (name: string) => page.getByRole('group', { name, exact: true });
  await phase('Thu thập số liệu').getByLabel('Bắt đầu').fill('2027-04-01T08:00');
  await phase('Thu thập số liệu').getByLabel('Kết thúc').fill('2027-03-31T17:00');
  // Out of order: said beside the field, and the round cannot be created.
  await expect(page.getByText('Thời điểm kết thúc phải sau thời điểm bắt đầu.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tạo kỳ đánh giá' })).toBeDisabled();
  await phase('Thu thập số liệu').getByLabel('Kết thúc').fill('2027-11-30T17:00');
  await phase('Thẩm định').getByLabel('Bắt đầu').fill('2027-12-01T08:00');
  await phase('Thẩm định').getByLabel('Kết thúc').fill('2027-12-20T17:00');
  await page.getByRole('switch', { name: 'Tự chuyển giai đoạn theo lịch' }).click();
  await expectAccessible(page);
  await snap(page, testInfo, 'create-schedule');
  await page.getByRole('button', { name: 'Tạo kỳ đánh giá' }).click();

  // --- the round's settings ---------------------------------------------------------------------------
  await expect(
    page.getByRole('heading', { level: 1, name: `Thiết lập: ${TITLE_VI}` }),
  ).toBeVisible();
  createdId = Number(/\/round-setup\/(\d+)$/.exec(page.url())?.[1]);
  expect(createdId).toBeGreaterThan(0);
  await expect(phase('Thu thập số liệu').getByLabel('Bắt đầu')).toHaveValue('2027-04-01T08:00');
  await expect(page.getByRole('heading', { name: 'Đơn vị tham gia (46)' })).toBeVisible();
  await expect(
    page.getByText('Hạn nộp chung của kỳ: 30/11/2027 17:00 (giờ TP.HCM).'),
  ).toBeVisible();

  const headers = { Authorization: `Bearer ${await apiToken(request, 'approver')}` };
  const stored = (await (
    await request.get(`/api/v1/rounds/${createdId}`, { headers })
  ).json()) as RoundBody;
  expect(stored.unit_count).toBe(46);
  expect(stored.auto_advance).toBe(true);
  // Entered at 08:00 and 17:00 in the city: 01:00 and 10:00 UTC.
  expect(stored.schedule.collecting).toMatchObject({
    starts_at: '2027-04-01T01:00:00Z',
    ends_at: '2027-11-30T10:00:00Z',
  });

  // --- one unit's extension, with its reason ---------------------------------------------------------
  await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('Q1');
  await page.getByRole('button', { name: 'Gia hạn cho Q1', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Gia hạn cho Quận 1 (Q1)' });
  await expect(dialog.getByText('Hạn hiện tại: 30/11/2027 17:00 (giờ TP.HCM).')).toBeVisible();
  await dialog.getByLabel('Hạn mới (giờ TP.HCM)').fill('2027-12-05T17:00');
  await dialog.getByLabel('Lý do').fill('Quận 1 sắp xếp lại bộ máy, xin thêm 5 ngày.');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Lưu gia hạn' }).click();
  await expect(page.getByText('Đã gia hạn cho Q1 đến 05/12/2027 17:00.')).toBeVisible();
  await expect(dialog).toBeHidden();
  const q1 = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Q1', exact: true }) });
  await expect(q1.getByText('05/12/2027 17:00')).toBeVisible();
  await expect(q1.getByText('Đã gia hạn')).toBeVisible();
  await expect(q1.getByText('Quận 1 sắp xếp lại bộ máy, xin thêm 5 ngày.')).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'settings-extended');

  const deadlines = (await (
    await request.get(`/api/v1/rounds/${createdId}/deadlines`, { headers })
  ).json()) as DeadlineBody[];
  const extended = deadlines.filter((unit) => unit.extended_until !== null);
  expect(extended).toEqual([
    expect.objectContaining({
      unit_code: 'Q1',
      extended_until: '2027-12-05T10:00:00Z',
      deadline: '2027-12-05T10:00:00Z',
      reason: 'Quận 1 sắp xếp lại bộ máy, xin thêm 5 ngày.',
    }),
  ]);
});
