import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Locator, Page, TestInfo } from '@playwright/test';
import { expect } from '@playwright/test';

export const DEMO_PASSWORD = 'demo12345';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = process.env.DTI_PYTHON ?? join(repo, '.venv', 'bin', 'python');

/** A full-page screenshot of the page as it is now, kept as an artifact in test-results/<test>/. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({
    path: testInfo.outputPath(`${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** axe-core on the page as it is now: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
  // A toast fading in or out is half transparent: axe would judge its contrast mid-animation. Not
  // antd's click ripple (.ant-wave, 2 s after each click): a shadow drawn outside the control, it
  // changes no colour axe reads. Nor an endless one (a spinner turning, which changes no colour
  // either): antd sometimes leaves a button's loading icon in its leave motion, still turning.
  const settled = () =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getComputedTiming().iterations === Infinity ||
          (animation.effect instanceof KeyframeEffect &&
            animation.effect.target?.classList.contains('ant-wave') === true),
      );
  try {
    // Settled twice, a moment apart: a toast that a late response brings up (a round switched, a
    // save confirmed) starts fading in just after a page first looks still.
    await page.waitForFunction(settled, undefined, { timeout: 15_000 });
    await page.waitForTimeout(300);
    await page.waitForFunction(settled, undefined, { timeout: 15_000 });
  } catch (error) {
    // Name what still moves: an endless animation would otherwise only show as a test timeout.
    const running = await page.evaluate(() =>
      document
        .getAnimations()
        .filter((animation) => animation.playState === 'running')
        .map((animation) => {
          const target =
            animation.effect instanceof KeyframeEffect ? animation.effect.target : null;
          const name = animation instanceof CSSAnimation ? animation.animationName : animation.id;
          return `${name} on ${target?.tagName ?? '?'}.${[...(target?.classList ?? [])].join('.')}`;
        }),
    );
    throw new Error(`animations still running: ${running.join('; ')}`, { cause: error });
  }
  // A toast that starts fading out while axe runs (its 3 s are up) would be judged half
  // transparent: during the run, toasts keep their full opacity, so axe reads their colours as
  // a user sees them while they stand.
  const opaqueToasts = await page.addStyleTag({
    content:
      '.ant-message-fade-enter, .ant-message-fade-appear, .ant-message-fade-leave ' +
      '{ opacity: 1 !important; }',
  });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // axe.run in the page itself. The default splits the run per frame and finishes it in a new
    // blank page, fed the whole page's partial results: twice as slow on the long assessment
    // page, for cross-origin frames, which the app has none of.
    .setLegacyMode()
    .analyze();
  await opaqueToasts.evaluate((style: Element) => {
    style.remove();
  });
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

export async function signIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A new account's first sign-in tour of its role: seen, then closed. */
export async function closeFirstTour(page: Page): Promise<void> {
  const tour = page.locator('.ant-tour');
  await expect(tour).toBeVisible();
  await tour.locator('.ant-tour-close').click();
  await expect(tour).toBeHidden();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** An entry of the main menu, by its exact name. */
export function navLink(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name, exact: true });
}

/** Goes to an administration page (admin): opens the menu's «Quản trị» group if it is closed. */
export async function openAdmin(page: Page, name: string): Promise<void> {
  const group = page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('menuitem', { name: 'Quản trị', exact: true });
  if ((await group.getAttribute('aria-expanded')) !== 'true') {
    await group.getByRole('button', { name: 'Quản trị' }).click();
  }
  await navLink(page, name).click();
}

/** A day `days` before today in the city (Asia/Ho_Chi_Minh, where the app counts a round's days),
 * as YYYY-MM-DD: from 17:00 UTC the city is already on the next day. */
export function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
    Date.now() - days * 86_400_000,
  );
}

/** A real .xlsx of these rows (the first one the header), written by openpyxl, the server's own
 * Python, as DIC's Excel would save it; empty cells stay empty. */
export function xlsx(
  name: string,
  rows: string[][],
): { name: string; mimeType: string; buffer: Buffer } {
  const script = [
    'import io, json, sys',
    'from openpyxl import Workbook',
    'book = Workbook()',
    'for row in json.load(sys.stdin): book.active.append([cell or None for cell in row])',
    'out = io.BytesIO(); book.save(out); sys.stdout.buffer.write(out.getvalue())',
  ].join('\n');
  return {
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: execFileSync(python, ['-c', script], { input: JSON.stringify(rows) }),
  };
}

/** The tree table's top-level rows: the framework's pillars. */
export function pillarRows(page: Page) {
  return page.locator('.criteria-table tr.ant-table-row-level-0');
}

/** An access token for calling the API directly (test set-up), as `username`. */
export async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/v1/auth/token', {
    form: { username, password: DEMO_PASSWORD },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** The bytes of a small, valid-looking PDF (the API judges the type from the first bytes). */
export function pdfBytes(title: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

export interface RoundBody {
  id: number;
  year: number;
  framework_id: number;
  is_practice?: boolean;
}

/** The demo round of 2024 (collecting, with partial demo answers for Q1): its id and framework. */
export async function openRound(
  request: APIRequestContext,
  headers: Record<string, string>,
): Promise<RoundBody> {
  const response = await request.get('/api/v1/rounds', { headers });
  expect(response.status()).toBe(200);
  // The real one, never a practice copy (practice.spec.ts makes one, of the same year).
  const round = ((await response.json()) as { items: RoundBody[] }).items.find(
    (item) => item.year === 2024 && !item.is_practice,
  );
  if (!round) throw new Error('no 2024 round in the demo data');
  return round;
}

export interface AnswerState {
  indicator_code: string;
  input_states: Record<string, { read_only: boolean; element_code: string }>;
}
export interface AssessmentBody {
  answers: AnswerState[];
  missing: { field: string; message: string }[];
}
export interface CriterionBody {
  code: string;
  rule: { kind: string; points?: Record<string, string> };
  inputs: { name: string; value_type: string }[];
  children: CriterionBody[];
}

/**
 * Test set-up through the API: whatever Q1 still lacks before it can be submitted. An unanswered
 * indicator is answered "no" / 0 (which needs no evidence); an answered one gets a PDF.
 */
export async function completeQ1(request: APIRequestContext) {
  const headers = { Authorization: `Bearer ${await apiToken(request, 'q1.editor')}` };
  const round = await openRound(request, headers);
  const ASSESSMENT = `/api/v1/rounds/${round.id}/units/Q1`;
  const tree = await request.get(`/api/v1/frameworks/${round.framework_id}/criteria?group=QH`, {
    headers,
  });
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
          file: {
            name: `kiem-chung-${code}.pdf`,
            mimeType: 'application/pdf',
            buffer: pdfBytes(code),
          },
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
        inputs[name] = Object.entries(leaf.rule.points ?? {}).find(
          ([, points]) => Number(points) === 0,
        )?.[0];
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

/** Q1's assessment in the 2024 round, submitted by its head (set up through the API if needed). */
export async function ensureQ1Submitted(request: APIRequestContext): Promise<RoundBody> {
  const headers = { Authorization: `Bearer ${await apiToken(request, 'q1.editor')}` };
  const round = await openRound(request, headers);
  const response = await request.get(`/api/v1/rounds/${round.id}/units/Q1/assessment`, { headers });
  const { status } = (await response.json()) as { status: string };
  if (status === 'not_started' || status === 'in_progress') {
    await completeQ1(request);
    const head = { Authorization: `Bearer ${await apiToken(request, 'q1.head')}` };
    const submitted = await request.post(`/api/v1/rounds/${round.id}/units/Q1/submit`, {
      headers: head,
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
  }
  return round;
}
