import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { expectAccessible, navLink, signIn, signOut, snap } from './support';

/**
 * Công bố kết quả: the approver takes the 2024 demo round from collection to final, computes the
 * final run and publishes it; then a browser with no account reads the QH ranking, downloads the
 * CSV (whose rows are the API's) and opens Q1's profile. Runs last (a project of its own): it
 * closes the round the other journeys work in.
 */

interface Ranking {
  rank: number;
  unit_code: string;
  unit_name_vi: string;
  unit_name_en: string;
  points: string;
  max_points: string;
  index: string;
  pillars: { code: string; points: string }[];
  level: { code: string; name_vi: string } | null;
}
interface Results {
  version: number;
  content_hash: string;
  groups: {
    code: string;
    rankings: Ranking[];
    level_counts: { code: string; name_vi: string; count: number }[];
  }[];
}

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

test('the approver publishes the 2024 round; a reader without an account sees it', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);

  // --- the approver: phases, the final run, the publication ----------------------------------------
  await page.goto('/');
  await signIn(page, 'approver');
  await navLink(page, 'Công bố kết quả').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Công bố kết quả' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kỳ đánh giá' })).toBeVisible();
  await expect(page.getByText('Giai đoạn hiện tại: Thu thập số liệu.')).toBeVisible();
  for (const phase of ['Thẩm định', 'Kết quả sơ bộ', 'Kết quả chính thức']) {
    await page.getByRole('button', { name: `Chuyển sang: ${phase}`, exact: true }).click();
    const dialog = page.getByRole('dialog', {
      name: `Chuyển kỳ đánh giá sang giai đoạn «${phase}»?`,
    });
    await dialog.getByRole('button', { name: 'Chuyển giai đoạn' }).click();
    await expect(page.getByText(`Giai đoạn hiện tại: ${phase}.`)).toBeVisible();
  }
  await expect(page.getByRole('button', { name: /^Chuyển sang:/ })).toHaveCount(0); // publishing does it

  // A draft run first, so the final one has a run before it to be compared with.
  await page.getByRole('button', { name: 'Tính điểm nháp' }).click();
  await page.getByRole('button', { name: 'Bắt đầu tính điểm' }).click();
  await expect(page.getByText(/Đã tính điểm \(Nháp\): lần tính #\d+\./)).toBeVisible();
  // The draft's confirmation stays in the page, hidden once it has closed.
  const confirm = page.getByRole('button', { name: 'Bắt đầu tính điểm' }).filter({ visible: true });
  await expect(confirm).toHaveCount(0);
  await page.getByRole('button', { name: 'Tính điểm chính thức' }).click();
  await confirm.click();
  const computed = page.getByText(/Đã tính điểm \(Chính thức\): lần tính #\d+\./);
  await expect(computed).toBeVisible();
  const finalRun = /#(\d+)/.exec((await computed.textContent()) ?? '')?.[1] ?? '?';

  // Before publishing, the approver reads the final run's rankings (issue 18): by group, with
  // levels and movement against the run before and against 2023, down to a unit's explanation.
  await page.getByRole('button', { name: `Xem xếp hạng của lần tính #${finalRun}` }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Xếp hạng lần tính #${finalRun}` }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Thành phố Thủ Đức, quận, huyện' }).click();
  const runTable = page.getByRole('table', {
    name: 'Xếp hạng nhóm Thành phố Thủ Đức, quận, huyện',
  });
  await expect(runTable.getByRole('columnheader', { name: 'So với 2023' })).toBeVisible();
  await expect(runTable.getByRole('columnheader', { name: /^So với lần #\d+$/ })).toBeVisible();
  const runQ1 = runTable.locator('tr[data-row-key="Q1"]');
  await expect(runQ1).toBeVisible();
  await runQ1.getByRole('button', { name: 'Xem kết quả chi tiết của Quận 1' }).click();
  const unitDrawer = page.getByRole('dialog', { name: `Quận 1 – lần tính #${finalRun}` });
  await expect(
    unitDrawer.getByRole('heading', { name: 'Điểm theo tiêu chí và chỉ số' }),
  ).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'run-rankings-unit');
  await unitDrawer.getByRole('button', { name: 'Đóng' }).click();
  await page.getByRole('link', { name: 'Về trang công bố kết quả' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Công bố kết quả' })).toBeVisible();

  await page
    .getByRole('button', { name: /^Công bố lần tính #/ })
    .first()
    .click();
  const publishing = page.getByRole('dialog', { name: /^Công bố kết quả lần tính #/ });
  await expect(publishing).toContainText('v1');
  await publishing.getByRole('button', { name: 'Công bố', exact: true }).click();
  await expect(page.getByText('Đã công bố kết quả: phiên bản v1.')).toBeVisible();
  await expect(page.getByText('Giai đoạn hiện tại: Đã công bố.')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Xem trang công khai của phiên bản v1' }),
  ).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'publish-done');

  // --- a reader without an account -------------------------------------------------------------------
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    locale: 'vi-VN',
  });
  const reader = await context.newPage();
  await reader.goto('/public');
  await expect(reader.getByRole('link', { name: 'Đăng nhập' })).toBeVisible(); // nobody is signed in
  await reader.getByRole('combobox', { name: 'Kỳ đánh giá' }).click();
  await reader.getByRole('option', { name: /^2024 – / }).click();
  await reader.getByRole('tab', { name: 'Thành phố Thủ Đức, quận, huyện' }).click();
  await expect(reader).toHaveURL(/group=QH/);
  const table = reader.getByRole('table', { name: 'Xếp hạng nhóm Thành phố Thủ Đức, quận, huyện' });
  const q1 = table.locator('tr[data-row-key="Q1"]');
  await expect(q1).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /So với 2023/ })).toBeVisible();

  const rounds = (await (await reader.request.get('/api/v1/public/rounds')).json()) as {
    items: { id: number; year: number; groups: string[] }[];
  };
  const round = rounds.items.find((item) => item.year === 2024);
  expect(round).toBeDefined();
  const api = (await (
    await reader.request.get(`/api/v1/public/rounds/${round?.id}/results`)
  ).json()) as Results;
  expect(api.version).toBe(1);
  const q1Api = api.groups
    .find((group) => group.code === 'QH')
    ?.rankings.find((row) => row.unit_code === 'Q1');
  expect(q1Api).toBeDefined();
  await expect(q1).toContainText(q1Api?.index.replace('.', ',') ?? '?');
  await expectAccessible(reader);
  await snap(reader, testInfo, 'public-ranking-qh');

  // The CSV download: one row per ranked unit, the same figures as the API.
  const [download] = await Promise.all([
    reader.waitForEvent('download'),
    reader.getByRole('link', { name: 'Tải CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`dti-2024-r${round?.id}-v1.csv`);
  const [header = [], ...rows] = parseCsv(
    readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''),
  );
  const expected = api.groups.flatMap((group) =>
    group.rankings.map((ranking) => ({ group: group.code, ranking })),
  );
  expect(rows).toHaveLength(expected.length);
  const column = (name: string) => header.indexOf(name);
  expected.forEach(({ group, ranking }, i) => {
    const row = rows[i] ?? [];
    expect(row[column('group_code')]).toBe(group);
    expect(Number(row[column('rank')])).toBe(ranking.rank);
    for (const key of [
      'unit_code',
      'unit_name_vi',
      'unit_name_en',
      'points',
      'max_points',
      'index',
    ] as const) {
      expect(row[column(key)]).toBe(ranking[key]);
    }
    for (const pillar of ranking.pillars)
      expect(row[column(`pillar_${pillar.code}`)]).toBe(pillar.points);
  });

  // Levels (issue 17): the departments' group has the three levels of the 2023 results, each
  // unit's level in the ranking and the count per level as the API publishes them; the framework
  // is partly illustrative, and the page says so.
  await expect(reader.getByText('Nội dung minh họa').first()).toBeVisible();
  await reader.getByRole('tab', { name: 'Sở, ban, ngành' }).click();
  const departments = reader.getByRole('table', { name: 'Xếp hạng nhóm Sở, ban, ngành' });
  await expect(departments.getByRole('columnheader', { name: 'Mức độ' })).toBeVisible();
  const sbn = api.groups.find((group) => group.code === 'SBN');
  expect(sbn?.level_counts.map((count) => count.code)).toHaveLength(3);
  const counts = reader.getByRole('list', { name: 'Số đơn vị theo mức độ, nhóm Sở, ban, ngành' });
  for (const count of sbn?.level_counts ?? []) {
    await expect(counts).toContainText(`${count.name_vi}: ${count.count} đơn vị`);
    const ranked = sbn?.rankings.filter((row) => row.level?.code === count.code) ?? [];
    expect(ranked).toHaveLength(count.count);
  }
  const first = sbn?.rankings[0];
  await expect(departments.locator(`tr[data-row-key="${first?.unit_code}"]`)).toContainText(
    first?.level?.name_vi ?? '?',
  );
  await expectAccessible(reader);
  await snap(reader, testInfo, 'public-ranking-levels');
  await reader.getByRole('tab', { name: 'Thành phố Thủ Đức, quận, huyện' }).click();

  // Q1's profile: both published years, the trend and the radar against the group.
  await q1.getByRole('link', { name: 'Quận 1', exact: true }).click();
  await expect(reader.getByRole('heading', { level: 1, name: 'Quận 1' })).toBeVisible();
  await expect(reader).toHaveURL(new RegExp(`/public/units/Q1\\?round=${round?.id}`));
  await expect(reader.getByRole('main')).toContainText('2023');
  await expect(reader.getByRole('main')).toContainText('2024');
  await expectAccessible(reader);
  await snap(reader, testInfo, 'public-unit-q1');

  // The City's provincial DTI 2022 as dti.gov.vn published it (issue 17): the index and the values
  // of the three pillars (chính quyền số, kinh tế số, xã hội số), as the API publishes them.
  const province = rounds.items.find((item) => item.year === 2022 && item.groups.includes('TP'));
  expect(province).toBeDefined();
  const provincial = (await (
    await reader.request.get(`/api/v1/public/rounds/${province?.id}/results`)
  ).json()) as Results & {
    groups: { rankings: { pillar_views: { code: string; name_vi: string; index: string }[] }[] }[];
  };
  const city = provincial.groups[0]?.rankings[0];
  expect(city?.unit_code).toBe('TPHCM');
  expect(Math.abs(Number(city?.index) - 0.7163)).toBeLessThanOrEqual(0.0001);
  await reader.goto('/public');
  await reader.getByRole('combobox', { name: 'Kỳ đánh giá' }).click();
  await reader.getByRole('option', { name: /^2022 – DTI cấp tỉnh/ }).click();
  const cityRow = reader
    .getByRole('table', { name: 'Xếp hạng nhóm Toàn Thành phố' })
    .locator('tr[data-row-key="TPHCM"]');
  await expect(cityRow).toContainText(city?.index.replace('.', ',') ?? '?');
  for (const view of city?.pillar_views ?? []) {
    await expect(
      reader.getByRole('columnheader', { name: `Trụ cột ${view.name_vi}` }),
    ).toBeVisible();
    await expect(cityRow).toContainText(view.index.replace('.', ','));
  }
  expect(city?.pillar_views.map((view) => view.code)).toEqual(['CQS', 'KTS', 'XHS']);
  await expectAccessible(reader);
  await snap(reader, testInfo, 'public-provincial-pillars');
  await context.close();

  // --- Q1 reads its published results, explained, in the app (issue 18) ------------------------------
  await signOut(page);
  await signIn(page, 'q1.editor');
  await navLink(page, 'Kết quả').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kết quả chính thức' })).toBeVisible();
  await expect(page.getByText('Đây là kết quả chính thức đã công bố, phiên bản v1.')).toBeVisible();
  // The published index, as the public API gives it.
  await expect(page.getByRole('main')).toContainText(q1Api?.index.replace('.', ',') ?? '?');
  await expect(page.getByText(/^Thời gian giải trình/)).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, testInfo, 'unit-published-results');

  // --- the City's leadership (viewer) reads the overview of the published round (issue 18) -----------
  await signOut(page);
  await signIn(page, 'viewer');
  await navLink(page, 'Tổng quan kết quả').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan kết quả' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tiến độ tự đánh giá' })).toBeVisible();
  await expect(
    page.getByText('Số liệu kết quả lấy từ phiên bản công bố 1,', { exact: false }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Thành phố Thủ Đức, quận, huyện' }).click();
  await expect(
    page.getByRole('heading', {
      name: 'Tăng, giảm hạng nhiều nhất – Thành phố Thủ Đức, quận, huyện',
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', {
      name: 'Các đơn vị tăng hạng nhiều nhất so với năm 2023, nhóm Thành phố Thủ Đức, quận, huyện',
    }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Sở, ban, ngành' }).click();
  await expect(
    page.getByRole('heading', { name: 'Phân bố theo mức độ – Sở, ban, ngành' }),
  ).toBeVisible();
  for (const count of sbn?.level_counts ?? []) {
    await expect(page.getByRole('main')).toContainText(`${count.name_vi}: ${count.count}`);
  }
  await expectAccessible(page);
  await snap(page, testInfo, 'viewer-dashboard');
});
