import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, navLink, openRound, signIn, snap } from './support';

/**
 * Tập huấn (issue 18): the evaluator makes a practice round from the 2024 demo round on the rounds
 * page; Q1's focal person chooses it in the header, sees it marked on every page, and saves an
 * answer in it. The real round's answer is unchanged, and the practice round shows on no public
 * page nor in any publication. The evaluator then deletes it, after a confirmation, so the demo
 * data is left as the other journeys expect (the real 2024 round is never written to).
 */

const REAL_TITLE = 'Đánh giá chỉ số CĐS năm 2024 (dữ liệu minh họa)';
const PRACTICE_TITLE = `Tập huấn – ${REAL_TITLE}`;
const MEETINGS = 'Số cuộc họp của Ban chỉ đạo CĐS trong năm';

interface AnswerBody {
  indicator_code: string;
  inputs: Record<string, unknown>;
  note: string | null;
}

/** Q1's answer to indicator 1.2 in a round, as the API gives it to the unit's focal person. */
async function q1Answer(
  request: APIRequestContext,
  headers: Record<string, string>,
  roundId: number,
): Promise<AnswerBody> {
  const response = await request.get(`/api/v1/rounds/${roundId}/units/Q1/assessment`, { headers });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { answers: AnswerBody[] };
  const answer = body.answers.find((candidate) => candidate.indicator_code === '1.2');
  if (!answer) throw new Error('no answer 1.2');
  return answer;
}

test('DIC makes a practice round, Q1 practises in it, the real round and the public are untouched', async ({
  browser,
  page,
  request,
}, testInfo) => {
  // Three sign-ins, two dialogs checked by axe, the assessment page: 73 s measured with the two
  // cores shared by ~18 busy processes; the budget is for a loaded machine, the aim under 45 s.
  test.setTimeout(90_000);
  const evaluator = { Authorization: `Bearer ${await apiToken(request, 'evaluator')}` };
  const editor = { Authorization: `Bearer ${await apiToken(request, 'q1.editor')}` };
  const real = await openRound(request, evaluator);
  const realBefore = await q1Answer(request, editor, real.id);

  // --- the evaluator copies the 2024 round ---------------------------------------------------------
  await page.goto('/round-setup');
  await signIn(page, 'evaluator');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Thiết lập kỳ đánh giá' }),
  ).toBeVisible();
  await page.getByRole('button', { name: `Tạo vòng tập huấn từ kỳ ${REAL_TITLE}` }).click();
  const create = page.getByRole('dialog', { name: 'Tạo vòng tập huấn' });
  await expect(create).toContainText('không bao giờ được công bố');
  await expect(create.getByLabel('Tên vòng (tiếng Việt)')).toHaveValue(PRACTICE_TITLE);
  await expectAccessible(page);
  await snap(page, testInfo, 'practice-create');
  await create.getByRole('button', { name: 'Tạo vòng tập huấn' }).click();
  await expect(page.getByText(`Đã tạo vòng tập huấn «${PRACTICE_TITLE}»`)).toBeVisible();
  const practiceList = page.getByRole('region', { name: 'Vòng tập huấn' });
  await expect(practiceList.getByRole('cell', { name: /^Tập huấn – / })).toContainText(
    'Vòng tập huấn',
  );

  const listed = await request.get('/api/v1/rounds?practice=true', { headers: evaluator });
  const practice = (
    (await listed.json()) as { items: { id: number; title_vi: string }[] }
  ).items.find((item) => item.title_vi === PRACTICE_TITLE);
  if (!practice) throw new Error('the practice round was not listed');

  // --- Q1's focal person practises in it (in a browser of their own; the evaluator's stays open) ----
  const unit = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    locale: 'vi-VN',
    viewport: testInfo.project.use.viewport,
  });
  const q1 = await unit.newPage();
  await q1.goto('/');
  await signIn(q1, 'q1.editor');
  await expect(q1.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
  // The header keeps to the real round until the practice round is chosen, listed apart.
  await expect(q1.getByTestId('practice-banner')).toHaveCount(0);
  await q1.getByRole('combobox', { name: 'Kỳ đánh giá' }).click();
  await expect(q1.getByText('Vòng tập huấn (dữ liệu không được công bố)')).toBeVisible();
  await q1.getByTitle(`2024 – ${PRACTICE_TITLE}`).click();
  const banner = q1.getByTestId('practice-banner');
  await expect(banner).toContainText('Vòng tập huấn — dữ liệu không được công bố');
  await expect(q1.getByRole('banner').getByTestId('practice-tag')).toBeVisible();

  await navLink(q1, 'Tự đánh giá').click();
  await expect(q1.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
  await expect(banner).toContainText(`bản sao để tập huấn của kỳ «${REAL_TITLE}»`);
  const meetings = q1.getByRole('region', { name: /^1\.2 / });
  await meetings.getByLabel(MEETINGS).fill('3');
  await meetings.getByLabel(MEETINGS).press('Tab');
  await expect(meetings.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await expect(meetings.getByTestId('points-1.2')).toHaveText('15/20 điểm');

  // The practice answer is kept in the practice round alone.
  expect((await q1Answer(request, editor, practice.id)).inputs).toEqual({ value: 3 });
  expect(await q1Answer(request, editor, real.id)).toEqual(realBefore);

  // --- nowhere public, in no publication ------------------------------------------------------------
  const publicRounds = (await (await request.get('/api/v1/public/rounds')).json()) as {
    items: { id: number }[];
  };
  expect(publicRounds.items.map((item) => item.id)).not.toContain(practice.id);
  expect((await request.get(`/api/v1/public/rounds/${practice.id}/results`)).status()).toBe(404);
  const publications = await request.get(`/api/v1/rounds/${practice.id}/publications`, {
    headers: evaluator,
  });
  expect(await publications.json()).toEqual([]);
  await q1.goto('/public');
  await q1.getByRole('combobox', { name: 'Kỳ đánh giá' }).click();
  await expect(q1.getByRole('option').first()).toBeVisible();
  await expect(q1.getByRole('option', { name: /Tập huấn/ })).toHaveCount(0);
  await expect(q1.getByText(/Tập huấn/)).toHaveCount(0);
  await q1.keyboard.press('Escape');

  await unit.close();

  // --- the evaluator deletes it, after a confirmation ---------------------------------------------
  await page.getByRole('button', { name: `Xóa vòng tập huấn ${PRACTICE_TITLE}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Xóa vòng tập huấn?' });
  await expect(confirm).toContainText('Kỳ đánh giá thật không bị ảnh hưởng');
  await expectAccessible(page);
  await snap(page, testInfo, 'practice-delete');
  await confirm.getByRole('button', { name: 'Xóa vòng tập huấn' }).click();
  await expect(page.getByText(`Đã xóa vòng tập huấn «${PRACTICE_TITLE}».`)).toBeVisible();
  await expect(practiceList).toContainText('Chưa có vòng tập huấn nào');
  expect(
    (await request.get(`/api/v1/rounds/${practice.id}`, { headers: evaluator })).status(),
  ).toBe(404);
  expect(await q1Answer(request, editor, real.id)).toEqual(realBefore);
});
