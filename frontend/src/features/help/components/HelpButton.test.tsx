import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { demoRound, editorMe, framework, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

function api(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(editorMe),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks': json({ items: [framework], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/me/tours': json({ seen: ['unit_editor'] }),
    'GET /api/v1/help/contact': json({
      hotline: '028 3822 1234',
      email: 'hotro@example.gov.vn',
      office_hours_vi: 'Thứ Hai – Thứ Sáu',
      office_hours_en: 'Monday – Friday',
      updated_at: '2026-12-01T01:00:00Z',
    }),
    ...extra,
  });
}

// Lazy pages and the guide's Markdown take a while to load on a busy machine.
const WAIT = { timeout: 20_000 };

/** Clicks the header's "?" and waits for the drawer's content. */
async function openHelp(): Promise<HTMLElement> {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Trợ giúp cho trang này' }, WAIT));
  return waitFor(() => {
    const drawer = document.querySelector<HTMLElement>('.help-drawer');
    if (!drawer) throw new Error('the help drawer is not open');
    return drawer;
  }, WAIT);
}

describe('the "?" of each page', () => {
  it('opens the guide at the section for the page shown, with the contact', async () => {
    startSignedIn();
    api();
    renderApp('/frameworks');
    const drawer = await openHelp();
    expect(await within(drawer).findByRole('heading', { name: 'Thuật ngữ' }, WAIT)).toHaveAttribute(
      'id',
      'glossary',
    );
    expect(within(drawer).getByRole('link', { name: 'Mở trang trợ giúp đầy đủ' })).toHaveAttribute(
      'href',
      '/help#glossary',
    );
    expect(
      await within(drawer).findByRole('link', { name: '028 3822 1234' }, WAIT),
    ).toHaveAttribute('href', 'tel:02838221234');
  }, 90_000);

  it('follows the page: the home page opens the role guide', async () => {
    startSignedIn();
    api();
    renderApp('/');
    const drawer = await openHelp();
    expect(
      await within(drawer).findByRole(
        'heading',
        {
          name: 'Hướng dẫn cho cán bộ đầu mối của đơn vị',
        },
        WAIT,
      ),
    ).toHaveAttribute('id', 'unit-editor');
    // The whole role guide, sub-sections included.
    expect(
      within(drawer).getByRole('heading', { name: 'Tài liệu kiểm chứng' }),
    ).toBeInTheDocument();
  }, 90_000);

  it('says so while DIC has set no contact', async () => {
    startSignedIn();
    api({
      'GET /api/v1/help/contact': json({
        hotline: null,
        email: null,
        office_hours_vi: null,
        office_hours_en: null,
        updated_at: null,
      }),
    });
    renderApp('/frameworks');
    const drawer = await openHelp();
    await waitFor(() =>
      expect(within(drawer).getByText(/Sở chưa công bố thông tin liên hệ/)).toBeInTheDocument(),
    );
    expect(within(drawer).queryByRole('link', { name: 'Sửa thông tin liên hệ' })).toBeNull();
  }, 90_000);
});
