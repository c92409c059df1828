import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { components } from '@/api/schema';
import type { Me } from '@/api/types';
import { PATHS } from '@/config/paths';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, editorMe, headMe, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

type Todo = components['schemas']['TodoOut'];
type TodoSection = components['schemas']['TodoSection'];

const roundTitles = { round_title_vi: demoRound.title_vi, round_title_en: demoRound.title_en };
const unitSection = (extra: TodoSection['items'] = []): TodoSection => ({
  section: 'unit',
  round_id: 1,
  unit_code: 'Q1',
  ...roundTitles,
  items: [
    { key: 'answers_left', count: 12, done: false },
    { key: 'returned', count: 2, done: false },
    { key: 'deadline', count: -3, date: '2025-03-12', done: false },
    ...extra,
  ],
});
const reviewSection: TodoSection = {
  section: 'review',
  round_id: 1,
  ...roundTitles,
  items: [
    { key: 'to_review', count: 4, done: false },
    { key: 'awaiting_units', count: 0, done: true },
    { key: 'late_units', count: 1, done: false },
  ],
};
const approveSection: TodoSection = {
  section: 'approve',
  items: [
    { key: 'runs_waiting', count: 1, done: false },
    { key: 'rounds_to_publish', count: 0, done: true },
  ],
};
const setupSection: TodoSection = {
  section: 'setup',
  round_id: 1,
  ...roundTitles,
  items: [
    { key: 'framework_active', count: 2, done: true },
    { key: 'units', count: 47, done: true },
    { key: 'accounts', count: 45, done: false },
    { key: 'api_clients', count: 2, done: true },
    { key: 'round', count: 2023, done: true },
    { key: 'schedule', done: false },
  ],
};

function homeApi(me: Me, sections: TodoSection[]) {
  startSignedIn();
  const todo: Todo = { as_of: '2025-03-15', sections };
  mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/me/todo': json(todo),
  });
}

const item = (key: string) => screen.getByTestId(`todo-item-${key}`);
const link = (key: string) => within(item(key)).getByRole('link');

describe('the home page’s to-do list', () => {
  it('tells a focal person what is left, what was returned and the deadline, with links', async () => {
    homeApi(editorMe, [unitSection()]);
    renderApp('/');
    expect(
      await screen.findByText('Còn 12 chỉ số chưa trả lời', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Việc cần làm' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 4, name: `Q1 – ${demoRound.title_vi}` }),
    ).toBeInTheDocument();
    expect(item('returned')).toHaveTextContent('2 chỉ số bị trả lại, cần sửa');
    expect(item('deadline')).toHaveTextContent('Đã quá hạn nộp 12/03/2025 (3 ngày)');
    expect(link('answers_left')).toHaveAttribute('href', '/rounds/1/units/Q1/assessment');
    expect(screen.queryByTestId('todo-item-submit')).not.toBeInTheDocument();
    // The account card and its two buttons are gone.
    expect(screen.queryByRole('button', { name: 'Xem bộ chỉ số' })).not.toBeInTheDocument();
  });

  it('tells the head whether the assessment is ready to submit', async () => {
    homeApi(headMe, [unitSection([{ key: 'submit', count: 0, done: false }])]);
    renderApp('/');
    expect(
      await screen.findByText('Sẵn sàng nộp: hãy kiểm tra và nộp bài', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(item('submit')).toHaveAttribute('data-done', 'false');
    expect(within(item('submit')).getByRole('img', { name: 'Cần làm' })).toBeInTheDocument();
  });

  it('gives an evaluator the queue and the late units', async () => {
    homeApi({ ...adminMe, roles: ['evaluator'] }, [reviewSection]);
    renderApp('/');
    expect(
      await screen.findByText('4 bài chờ thẩm định', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(link('to_review')).toHaveAttribute('href', '/review');
    expect(item('awaiting_units')).toHaveTextContent(
      'Không có đơn vị nào đang sửa chỉ số bị trả lại',
    );
    expect(within(item('awaiting_units')).getByRole('img', { name: 'Đã xong' })).toBeVisible();
    expect(item('late_units')).toHaveTextContent('1 đơn vị quá hạn nộp bài');
    expect(link('late_units')).toHaveAttribute('href', '/progress');
  });

  it('gives an approver the runs waiting and the rounds to publish', async () => {
    homeApi({ ...adminMe, roles: ['approver'] }, [approveSection, reviewSection]);
    renderApp('/');
    expect(
      await screen.findByText('1 lượt tính điểm chính thức chờ công bố', {}, { timeout: 10_000 }),
    );
    expect(link('runs_waiting')).toHaveAttribute('href', '/publish');
    expect(item('rounds_to_publish')).toHaveTextContent('Không có kỳ nào chờ công bố');
    expect(screen.getByRole('heading', { level: 4, name: 'Phê duyệt và công bố' })).toBeVisible();
  });

  it('gives an admin the year’s setup checklist, linked to the admin screens', async () => {
    homeApi(adminMe, [setupSection]);
    renderApp('/');
    expect(
      await screen.findByText('45 đơn vị tham gia chưa có tài khoản', {}, { timeout: 10_000 }),
    );
    expect(screen.getByRole('heading', { level: 4, name: 'Chuẩn bị năm đánh giá' })).toBeVisible();
    expect(item('framework_active')).toHaveTextContent('2 bộ chỉ số đang áp dụng');
    expect(item('round')).toHaveTextContent('Kỳ đánh giá năm 2023 đã được tạo');
    expect(item('schedule')).toHaveTextContent('Chưa đặt hạn nộp bài cho kỳ đánh giá');
    expect(
      Object.fromEntries(
        ['framework_active', 'units', 'accounts', 'api_clients', 'round', 'schedule'].map((key) => [
          key,
          link(key).getAttribute('href'),
        ]),
      ),
    ).toEqual({
      framework_active: '/frameworks',
      units: PATHS.unitAdmin,
      accounts: PATHS.users,
      api_clients: PATHS.apiClients,
      round: PATHS.roundSetup,
      schedule: PATHS.roundSetup,
    });
    expect(screen.getByRole('link', { name: 'Xem nhật ký hệ thống' })).toHaveAttribute(
      'href',
      PATHS.audit,
    );
  });

  it('says so when there is nothing to do', async () => {
    homeApi({ ...adminMe, roles: ['viewer'] }, []);
    renderApp('/');
    expect(
      await screen.findByText(
        'Không có việc nào cần làm với vai trò của bạn.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });
});
