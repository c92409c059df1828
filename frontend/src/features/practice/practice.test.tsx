import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Me, Round } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, editorMe, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

/** Where the header's round choice is remembered (features/rounds/selected-round). */
const SELECTED_ROUND_KEY = 'dti.round';

const evaluatorMe: Me = { ...adminMe, username: 'evaluator', roles: ['evaluator'] };

const practiceRound: Round = {
  ...demoRound,
  id: 9,
  title: 'Tập huấn – Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)',
  title_vi: 'Tập huấn – Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)',
  title_en: 'Practice – 2023 DX index assessment (demo data)',
  is_practice: true,
  practice_of_id: demoRound.id,
};

function api(me: Me, rounds: Round[], extra: Parameters<typeof mockApi>[0] = {}) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: rounds, total: rounds.length, limit: 100, offset: 0 }),
    'GET /api/v1/me/todo': json({ as_of: '2026-12-14', sections: [] }),
    ...extra,
  });
}

describe('practice rounds are marked wherever they are shown', () => {
  it(
    'never picks a practice round by itself, and lists practice rounds apart',
    { timeout: 30_000 },
    async () => {
      // Even listed first, the practice round is not the default: the real one is.
      api(editorMe, [practiceRound, demoRound]);
      renderApp('/');
      expect(
        await screen.findByText(
          '2023 – Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)',
          {},
          { timeout: 10_000 },
        ),
      ).toBeInTheDocument();
      expect(screen.queryByTestId('practice-banner')).not.toBeInTheDocument();
      expect(screen.queryByTestId('practice-tag')).not.toBeInTheDocument();

      fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Kỳ đánh giá' }));
      const listbox = await screen.findByRole('listbox');
      const options = within(listbox.parentElement as HTMLElement);
      expect(
        options.getByText('Vòng tập huấn (dữ liệu không được công bố)', { exact: false }),
      ).toBeInTheDocument();
    },
  );

  it('shows the banner and the tag once a practice round is chosen', async () => {
    window.localStorage.setItem(SELECTED_ROUND_KEY, String(practiceRound.id));
    api(editorMe, [demoRound, practiceRound]);
    renderApp('/');
    const banner = await screen.findByTestId('practice-banner');
    expect(banner).toHaveTextContent('Vòng tập huấn — dữ liệu không được công bố');
    expect(banner).toHaveTextContent(
      'bản sao để tập huấn của kỳ «Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)»',
    );
    // In the main landmark, above the page.
    expect(within(screen.getByRole('main')).getByTestId('practice-banner')).toBe(banner);
    expect(screen.getAllByTestId('practice-tag')[0]).toHaveTextContent('Vòng tập huấn');
    window.localStorage.removeItem(SELECTED_ROUND_KEY);
  });

  it('shows the banner on a practice assessment opened by its address', async () => {
    api(adminMe, [demoRound, practiceRound]);
    renderApp(`/rounds/${practiceRound.id}/units/Q1/assessment`);
    expect(await screen.findByTestId('practice-banner')).toHaveTextContent(
      'Vòng tập huấn — dữ liệu không được công bố',
    );
  });
});

describe('the rounds page: practice copies (DIC)', () => {
  // Label and text queries, not role queries: the page holds two tables and a dialog, whose roles
  // and names jsdom computes slowly.
  const dialogTitled = async (title: string) =>
    (await screen.findByText(title, { selector: '.ant-modal-title' })).closest(
      '.ant-modal',
    ) as HTMLElement;
  const button = (container: HTMLElement, text: string) =>
    within(container).getByText(text, { selector: '.ant-btn span' });

  it('lets an evaluator make a practice copy of a round, and nothing else of setting up', async () => {
    const { requests } = api(evaluatorMe, [demoRound], {
      'POST /api/v1/rounds/1/practice-copies': async (request) =>
        json({ ...practiceRound, ...((await request.json()) as object) }, 201),
    });
    renderApp('/round-setup');
    fireEvent.click(
      await screen.findByLabelText(
        'Tạo vòng tập huấn từ kỳ Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)',
      ),
    );
    // Creating and setting up rounds stays the approvers'.
    expect(screen.queryByText('Tạo kỳ đánh giá')).not.toBeInTheDocument();
    expect(screen.queryByText('Thiết lập', { selector: 'a' })).not.toBeInTheDocument();

    const dialog = await dialogTitled('Tạo vòng tập huấn');
    expect(dialog).toHaveAttribute('role', 'dialog');
    expect(dialog).toHaveTextContent('không bao giờ được công bố');
    const titleVi = within(dialog).getByLabelText('Tên vòng (tiếng Việt)');
    expect(titleVi).toHaveValue('Tập huấn – Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)');
    fireEvent.change(titleVi, { target: { value: 'Tập huấn quận 1' } });
    fireEvent.click(within(dialog).getByLabelText(/dời để giai đoạn thu thập/));
    fireEvent.click(button(dialog, 'Tạo vòng tập huấn'));

    expect(await screen.findByText(/Đã tạo vòng tập huấn «Tập huấn quận 1»/)).toBeInTheDocument();
    const sent = requests.find((request) => request.url.endsWith('/practice-copies'));
    expect(await sent?.json()).toEqual({
      title_vi: 'Tập huấn quận 1',
      title_en: 'Practice – 2023 DX index assessment (demo data)',
      schedule: 'shifted',
    });
  }, 60_000);

  it('resets and deletes a practice round, each after a confirmation', async () => {
    const { requests } = api(evaluatorMe, [demoRound, practiceRound], {
      'POST /api/v1/rounds/9/practice-reset': json(practiceRound),
      'DELETE /api/v1/rounds/9': { status: 204 },
    });
    renderApp('/round-setup');
    const title = practiceRound.title_vi;
    const reset = await screen.findByLabelText(`Đặt lại vòng tập huấn ${title}`);
    const section = reset.closest('[role="region"]') as HTMLElement;
    expect(section).toHaveAttribute('aria-labelledby', 'practice-rounds-heading');
    expect(within(section).getByText(title)).toBeInTheDocument();
    expect(within(section).getByTestId('practice-tag')).toBeInTheDocument();

    fireEvent.click(reset);
    let dialog = await dialogTitled('Đặt lại vòng tập huấn?');
    expect(dialog).toHaveTextContent('Kỳ đánh giá thật không bị ảnh hưởng');
    // Cancelled: nothing is sent.
    fireEvent.click(button(dialog, 'Hủy'));
    expect(requests.some((request) => request.url.endsWith('/practice-reset'))).toBe(false);

    fireEvent.click(reset);
    dialog = await dialogTitled('Đặt lại vòng tập huấn?');
    fireEvent.click(button(dialog, 'Đặt lại vòng tập huấn'));
    expect(await screen.findByText(`Đã đặt lại vòng tập huấn «${title}».`)).toBeInTheDocument();
    expect(requests.filter((request) => request.url.endsWith('/practice-reset'))).toHaveLength(1);

    fireEvent.click(screen.getByLabelText(`Xóa vòng tập huấn ${title}`));
    dialog = await dialogTitled('Xóa vòng tập huấn?');
    expect(dialog).toHaveTextContent('toàn bộ dữ liệu trong đó sẽ bị xóa');
    fireEvent.click(button(dialog, 'Xóa vòng tập huấn'));
    expect(await screen.findByText(`Đã xóa vòng tập huấn «${title}».`)).toBeInTheDocument();
    expect(
      requests.filter((request) => request.method === 'DELETE').map((request) => request.url),
    ).toEqual([expect.stringMatching(/\/api\/v1\/rounds\/9$/)]);
  }, 60_000);

  it('keeps the rounds page from unit staff', async () => {
    api(editorMe, [demoRound]);
    renderApp('/round-setup');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Không có quyền truy cập' }),
    ).toBeInTheDocument();
  });
});
