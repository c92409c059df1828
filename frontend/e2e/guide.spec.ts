import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

import { navLink, openAdmin, signIn, signOut } from './support';

/**
 * The user guide's screenshots and its printable PDF, from the app itself: `make guide` runs this
 * twice, `DTI_GUIDE=screenshots` (the named pictures the guide's Markdown references, written to
 * src/features/help/content/screenshots), then, after a rebuild that takes them in,
 * `DTI_GUIDE=pdf` (Chromium prints /help/print in each language to docs/guide/). Skipped
 * otherwise: it only reads the demo data, and the journeys check the pages themselves.
 */

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCREENSHOTS = join(frontend, 'src', 'features', 'help', 'content', 'screenshots');
const PDF_DIR = join(frontend, '..', 'docs', 'guide');
const mode = process.env.DTI_GUIDE;

// The guide's pictures: smaller than the journeys' window, so they stay legible in print.
test.use({ viewport: { width: 1200, height: 760 } });

async function shoot(page: Page, name: string): Promise<void> {
  // Settled: no spinner, no placeholder, no animation half-way.
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton')).toHaveCount(0, {
    timeout: 30_000,
  });
  await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled' });
}

async function heading(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
}

test("the guide's screenshots", async ({ page }) => {
  test.skip(mode !== 'screenshots', 'DTI_GUIDE=screenshots (make guide) takes them');
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto('/sign-in');

  await signIn(page, 'q1.editor');
  await heading(page, 'Tổng quan');
  await expect(page.getByText('Việc cần làm')).toBeVisible({ timeout: 30_000 });
  await shoot(page, 'home.png');
  await navLink(page, 'Tự đánh giá').click();
  await heading(page, 'Tự đánh giá');
  await shoot(page, 'assessment.png');
  await signOut(page);

  await signIn(page, 'cuc-thue.staff');
  await navLink(page, 'Nhập số liệu').click();
  await heading(page, 'Nhập số liệu');
  await shoot(page, 'imports.png');
  await signOut(page);

  await signIn(page, 'evaluator');
  await navLink(page, 'Thẩm định').click();
  await heading(page, 'Thẩm định');
  await shoot(page, 'review.png');
  await signOut(page);

  await signIn(page, 'approver');
  await navLink(page, 'Công bố kết quả').click();
  await heading(page, 'Công bố kết quả');
  await shoot(page, 'publish.png');
  await signOut(page);

  await signIn(page, 'admin');
  await heading(page, 'Tổng quan');
  await openAdmin(page, 'Người dùng');
  await heading(page, 'Người dùng');
  await shoot(page, 'users.png');
});

test('the printable guide', async ({ page }) => {
  test.skip(mode !== 'pdf', 'DTI_GUIDE=pdf (make guide) prints it');
  test.setTimeout(180_000);
  mkdirSync(PDF_DIR, { recursive: true });
  await page.goto('/sign-in');
  await signIn(page, 'viewer');
  await heading(page, 'Tổng quan');
  for (const language of ['vi', 'en'] as const) {
    await page.goto(`/help/print?lang=${language}`);
    await expect(page.locator('#glossary')).toBeVisible();
    // Every picture loaded before printing.
    await page.waitForFunction(() =>
      [...document.images].every((image) => image.complete && image.naturalWidth > 0),
    );
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: join(PDF_DIR, `dti-hub-guide-${language}.pdf`),
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#595959">' +
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
    await page.emulateMedia({ media: 'screen' });
  }
});
