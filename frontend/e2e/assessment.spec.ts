import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import { apiToken, expectAccessible, pdfBytes, signIn, snap } from './support';

/**
 * Tự đánh giá: Q1's focal person answers three indicators (a choice, a count, a ratio) in the 2023
 * round and uploads evidence; the score preview follows; only the head may submit; after the head
 * submits, the assessment is read-only for the focal person too.
 */

interface RoundBody {
  id: number;
  year: number;
  framework_id: number;
}

/** The 2023 round (collecting, with partial demo answers for Q1): its id and framework. */
async function round2023(request: APIRequestContext, headers: Record<string, string>): Promise<RoundBody> {
  const response = await request.get('/api/v1/rounds', { headers });
  expect(response.status()).toBe(200);
  const round = ((await response.json()) as { items: RoundBody[] }).items.find((item) => item.year === 2023);
  if (!round) throw new Error('no 2023 round in the demo data');
  return round;
}

interface AnswerState {
  indicator_code: string;
  input_states: Record<string, { read_only: boolean; element_code: string }>;
}
interface AssessmentBody {
  answers: AnswerState[];
  missing: { field: string; message: string }[];
}
interface CriterionBody {
  code: string;
  rule: { kind: string; points?: Record<string, string> };
  inputs: { name: string; value_type: string }[];
  children: CriterionBody[];
}

function indicator(page: Page, code: string) {
  return page.getByRole('region', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

async function openAssessment(page: Page) {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tự đánh giá' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
  await expect(page.getByText('Q1 – Quận 1 · 2023 –')).toBeVisible();
}

/**
 * Test set-up through the API: whatever Q1 still lacks before it can be submitted. An unanswered
 * indicator is answered "no" / 0 (which needs no evidence); an answered one gets a PDF.
 */
async function completeQ1(request: APIRequestContext) {
  const headers = { Authorization: `Bearer ${await apiToken(request, 'q1.editor')}` };
  const round = await round2023(request, headers);
  const ASSESSMENT = `/api/v1/rounds/${round.id}/units/Q1`;
  const tree = await request.get(`/api/v1/frameworks/${round.framework_id}/criteria?group=QH`, { headers });
  expect(tree.status(), await tree.text()).toBe(200);
  const criteria = (await tree.json()) as CriterionBody[];
  const leaves = new Map<string, CriterionBody>();
  const walk = (nodes: CriterionBody[]) => {
    for (const node of nodes) {
      leaves.set(node.code, node);
      walk(node.children);
    }
  };
  walk(criteria);

  let response = await request.get(`${ASSESSMENT}/assessment`, { headers });
  let etag = response.headers().etag ?? '';
  const assessment = (await response.json()) as AssessmentBody;
  for (const { field } of assessment.missing) {
    const [kind, ...rest] = field.split('.');
    const code = rest.join('.');
    if (kind === 'evidence') {
      response = await request.post(`${ASSESSMENT}/evidence`, {
        headers,
        multipart: {
          indicator_code: code,
          file: { name: `kiem-chung-${code}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(code) },
        },
      });
      expect(response.status(), await response.text()).toBe(201);
      etag = response.headers().etag ?? etag;
      continue;
    }
    const answer = assessment.answers.find((candidate) => candidate.indicator_code === code);
    const leaf = leaves.get(code);
    if (!answer || !leaf) throw new Error(`indicator ${code} not found`);
    const inputs: Record<string, unknown> = {};
    for (const [name, state] of Object.entries(answer.input_states)) {
      if (state.read_only) continue;
      const type = leaf.inputs.find((input) => input.name === name)?.value_type;
      if (type === 'boolean') inputs[name] = false;
      else if (type === 'choice') {
        inputs[name] = Object.entries(leaf.rule.points ?? {}).find(([, points]) => Number(points) === 0)?.[0];
      } else inputs[name] = 0;
    }
    response = await request.put(`${ASSESSMENT}/answers/${code}`, {
      headers: { ...headers, 'If-Match': etag },
      data: { inputs, note: null },
    });
    expect(response.status(), await response.text()).toBe(200);
    etag = response.headers().etag ?? '';
  }
  response = await request.get(`${ASSESSMENT}/assessment`, { headers });
  expect(((await response.json()) as AssessmentBody).missing).toEqual([]);
}

test('Q1 self-assessment: the editor answers and uploads, the head submits, then it is read-only', async ({
  page,
  request,
}, testInfo) => {
  // A long page (every indicator of the group), checked by axe and photographed at each step.
  test.setTimeout(180_000);

  // --- q1.editor answers a choice, a count and a ratio --------------------------------------
  await page.goto('/assessment');
  await signIn(page, 'q1.editor');
  await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
  await expect(page.getByText('Q1 – Quận 1 · 2023 –')).toBeVisible();
  await expect(page.getByTestId('assessment-status')).toHaveText('Đang nhập liệu');
  const total = page.getByTestId('preview-total');
  await expect(total).toHaveText('132,21');
  // A figure an agency supplies is read-only and says who supplies it.
  await expect(indicator(page, '8.1')).toContainText('Số liệu do Cục Thuế Thành phố (CUC-THUE) cung cấp');
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-editor-start');

  const choice = indicator(page, '1.1');
  await choice.getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' }).check();
  await expect(choice.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await expect(choice.getByTestId('points-1.1')).toHaveText('20/20 điểm');
  await expect(total).toHaveText('152,21');

  const count = indicator(page, '1.2');
  await count.getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm').fill('4');
  await count.getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm').press('Tab');
  await expect(count.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await expect(count.getByTestId('points-1.2')).toHaveText('20/20 điểm');

  // The API's field error shows under the input, and nothing is lost: the typed value stays.
  const ratio = indicator(page, '1.3');
  const numerator = ratio.getByLabel(/^Tử số \(a\)/);
  const denominator = ratio.getByLabel(/^Mẫu số \(b\)/);
  await denominator.fill('50');
  await numerator.fill('60');
  await expect(ratio.getByText('Tử số (60) không được lớn hơn mẫu số (50).')).toBeVisible();
  await expect(ratio.getByRole('status')).toContainText('Lỗi — chưa lưu.');
  await expect(numerator).toHaveValue('60');
  await snap(page, testInfo, 'assessment-field-error');
  await numerator.fill('40');
  await expect(ratio.getByTestId('ratio-1.3')).toHaveText('Tỷ lệ hiện tại: 80%');
  await expect(ratio.getByRole('status')).toHaveText(/Đã lưu lúc \d/);
  await expect(ratio.getByTestId('points-1.3')).toHaveText('16/20 điểm');
  await expect(total).toHaveText('175,32');
  await expect(page.getByTestId('pillar-points-1')).toHaveText('67,2 / 100');
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-answered');

  // Evidence for the choice: a small PDF, listed once uploaded.
  await expect(choice).toContainText('Chỉ số 1.1 cần ít nhất một tài liệu kiểm chứng.');
  await choice.locator('input[type=file]').setInputFiles({
    name: 'quyet-dinh-ban-chi-dao.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes('Quyet dinh thanh lap Ban chi dao CDS'),
  });
  await expect(
    choice.getByRole('list', { name: 'Tài liệu kiểm chứng của chỉ số 1.1' }).getByRole('button', {
      name: 'Tải xuống quyet-dinh-ban-chi-dao.pdf',
    }),
  ).toBeVisible();
  await expect(choice).not.toContainText('cần ít nhất một tài liệu kiểm chứng');
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-evidence');

  // An editor cannot submit: no button, a note saying who does, and the API refuses too.
  await expect(page.getByRole('button', { name: 'Nộp bài tự đánh giá' })).toHaveCount(0);
  await expect(page.getByText('Lãnh đạo đơn vị sẽ ký duyệt và nộp bài.', { exact: false })).toBeVisible();
  const editor = { Authorization: `Bearer ${await apiToken(request, 'q1.editor')}` };
  const { id: roundId } = await round2023(request, editor);
  const refused = await request.post(`/api/v1/rounds/${roundId}/units/Q1/submit`, { headers: editor });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { detail: string }).detail).toContain('Chỉ lãnh đạo đơn vị');
  await signOut(page);

  // --- q1.head sees what is missing, then submits once it is complete ------------------------
  await signIn(page, 'q1.head');
  await openAssessment(page);
  await expect(total).toHaveText('175,32');
  await page.getByRole('button', { name: 'Nộp bài tự đánh giá' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nộp bài tự đánh giá' });
  await expect(dialog).toContainText(/Chưa nộp được: còn \d+ mục chưa hoàn thành/);
  await expect(dialog.getByTestId('missing-list')).toContainText('Chỉ số 1.4 chưa được trả lời đầy đủ.');
  await expect(dialog.getByRole('button', { name: 'Nộp bài', exact: true })).toBeDisabled();
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-head-missing');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();

  await completeQ1(request);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Tự đánh giá' })).toBeVisible();
  await expect(page.getByText(/Còn \d+ mục cần hoàn thành/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Nộp bài tự đánh giá' }).click();
  await expect(dialog).toContainText('Bạn xác nhận ký duyệt và nộp bài tự đánh giá của Quận 1?');
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-head-confirm');
  await dialog.getByRole('button', { name: 'Nộp bài', exact: true }).click();
  await expect(dialog).toBeHidden();
  const banner = page.getByTestId('status-banner');
  await expect(banner).toContainText(/Đã nộp lúc .+, bởi Võ Thanh Tùng \(Chủ tịch UBND Quận 1\)/);
  await expect(page.getByTestId('assessment-status')).toHaveText('Đã nộp, chờ thẩm định');
  await expect(page.getByRole('button', { name: 'Nộp bài tự đánh giá' })).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-submitted');
  await signOut(page);

  // --- q1.editor can no longer edit ------------------------------------------------------------
  await signIn(page, 'q1.editor');
  await openAssessment(page);
  await expect(page.getByTestId('status-banner')).toContainText(/Đã nộp lúc .+, bởi Võ Thanh Tùng/);
  await expect(indicator(page, '1.2').getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm')).toBeDisabled();
  await expect(indicator(page, '1.2').getByLabel('Số cuộc họp của Ban chỉ đạo CĐS trong năm')).toHaveValue('4');
  await expect(indicator(page, '1.1').getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Tải tài liệu lên' })).toHaveCount(0);
  await expect(
    indicator(page, '1.1').getByRole('button', { name: 'Tải xuống quyet-dinh-ban-chi-dao.pdf' }),
  ).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, 'assessment-read-only');
});
