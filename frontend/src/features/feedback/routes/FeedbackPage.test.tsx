import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Me } from '@/api/types';
import { json, mockApi, problem } from '@/test/api-mock';
import { demoRound, editorMe, explanation12, tokenPair, units } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { FeedbackItem, ScoreRun, UnitResult } from '../api/feedback';

const evaluatorMe: Me = {
  kind: 'user',
  username: 'evaluator',
  full_name: 'Trần Thị Bích Ngọc',
  roles: ['evaluator'],
  unit_code: null,
  unit_name_vi: null,
  must_change_password: false,
};

const preliminary: ScoreRun = {
  id: 5,
  round_id: 1,
  kind: 'preliminary',
  shared_with_units: true,
  input_hash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  unit_count: 47,
  created_by: 'evaluator',
  created_at: '2025-03-30T02:00:00Z',
};

const waiting: FeedbackItem = {
  id: 4,
  unit_code: 'Q1',
  indicator_code: '1.2',
  score_run_id: 5,
  body: 'Đơn vị đã họp 4 lần, có biên bản kèm theo.',
  filed_by: 'q1.editor',
  filed_by_name: 'Phạm Thị Thu Hà',
  filed_at: '2025-04-02T03:00:00Z',
  status: 'open',
  response: null,
  responded_by: null,
  responded_by_name: null,
  responded_at: null,
  files: [
    {
      id: 12,
      sha256: 'ef'.repeat(32),
      filename: 'bien-ban.pdf',
      size: 4096,
      content_type: 'application/pdf',
      indicator_code: '1.2',
      uploaded_at: '2025-04-02T03:01:00Z',
      uploaded_by: 'q1.editor',
    },
  ],
};

const decided: FeedbackItem = {
  ...waiting,
  id: 3,
  indicator_code: '1.3',
  status: 'rejected',
  response: 'Văn bản bổ sung ban hành sau kỳ đánh giá.',
  responded_by: 'evaluator',
  responded_by_name: 'Trần Thị Bích Ngọc',
  responded_at: '2025-04-03T03:00:00Z',
  files: [],
};

const q1Result: UnitResult = {
  run: preliminary,
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  group: 'QH',
  total: {
    code: 'total',
    name_vi: null,
    points: '5.00',
    max_points: '20.00',
    index: '0.2500',
    rank: 3,
    applicable: true,
  },
  nodes: [],
  explanations: {
    '1.2': explanation12,
  },
};

function feedbackApi(me: Me = evaluatorMe) {
  startSignedIn();
  let open = [waiting];
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({
      items: [{ ...demoRound, phase: 'preliminary' }],
      total: 1,
      limit: 100,
      offset: 0,
    }),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/units': json({ items: units, total: units.length, limit: 500, offset: 0 }),
    'GET /api/v1/rounds/1/score-runs': json([preliminary]),
    'GET /api/v1/rounds/1/score-runs/5/results/Q1': json(q1Result),
    'GET /api/v1/rounds/1/feedback': (request) =>
      json(new URL(request.url).searchParams.get('status') === 'open' ? open : [decided]),
    'POST /api/v1/rounds/1/units/Q1/feedback/4/answer': async (request) => {
      const body = (await request.json()) as { reason: string };
      open = [];
      return json({
        ...waiting,
        status: 'accepted',
        response: body.reason,
        responded_by: 'evaluator',
      });
    },
    'POST /api/v1/rounds/1/score-runs': problem(
      409,
      'Còn 1 giải trình chưa được trả lời: chưa tính điểm chính thức được.',
      { code: 'results.feedback_open' },
    ),
  });
}

describe('the units’ feedback (Giải trình của đơn vị)', () => {
  it('answers a feedback, and shows why the final run is refused', async () => {
    const { requests } = feedbackApi();
    renderApp('/feedback');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Giải trình của đơn vị' }),
    ).toBeInTheDocument();

    // The runs: kind, who, and the start of the input fingerprint.
    const runs = within(document.querySelector('.score-runs') as HTMLElement);
    expect(await runs.findByText('Sơ bộ')).toBeInTheDocument();
    expect(runs.getByText('9f86d081884c')).toBeInTheDocument();

    // The open feedback: the unit, what it wrote, its file, and the current points.
    expect(await screen.findByText('Q1 – Quận 1 · chỉ số 1.2')).toBeInTheDocument();
    expect(screen.getByText('Đơn vị đã họp 4 lần, có biên bản kèm theo.')).toBeInTheDocument();
    expect(screen.getByText('bien-ban.pdf').closest('button')).toHaveAttribute(
      'aria-label',
      'Tải xuống bien-ban.pdf',
    );
    expect(screen.getByText(/Phạm Thị Thu Hà gửi lúc/)).toBeInTheDocument();
    const form = screen.getByLabelText('Trả lời giải trình chỉ số 1.2 của Q1');
    expect(await within(form).findByText('Điểm sơ bộ của chỉ số: 5/20')).toBeInTheDocument();

    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    // Neither a decision nor a reason: nothing goes out.
    await user.click(within(form).getByText('Gửi trả lời'));
    expect(
      await within(form).findByText('Vui lòng chọn chấp nhận hoặc không chấp nhận.'),
    ).toBeInTheDocument();
    expect(within(form).getByText('Vui lòng nhập lý do.')).toBeInTheDocument();

    await user.click(within(form).getByLabelText('Chấp nhận (điều chỉnh điểm)'));
    await user.type(await within(form).findByLabelText('Điểm sau giải trình (tối đa 20)'), '10');
    await user.type(within(form).getByLabelText('Lý do (đơn vị sẽ thấy)'), 'Biên bản hợp lệ.');
    await user.click(within(form).getByText('Gửi trả lời'));

    await waitFor(() =>
      expect(requests.some((r) => r.url.endsWith('/feedback/4/answer'))).toBe(true),
    );
    const answer = requests.find((r) => r.url.endsWith('/feedback/4/answer'));
    expect(await answer?.json()).toEqual({
      decision: 'accepted',
      reason: 'Biên bản hợp lệ.',
      points: '10',
    });
    // The list (and the runs) are read again: nothing waits any more.
    expect(await screen.findByText('Không có giải trình nào.')).toBeInTheDocument();
    expect(
      requests.filter(
        (r) => r.method === 'GET' && r.url.includes('/score-runs') && !r.url.includes('/results'),
      ),
    ).toHaveLength(2);

    // The final run: the API's refusal shows as it comes.
    await user.click(screen.getByText('Tính điểm chính thức'));
    await user.click(
      await screen.findByText('Bắt đầu tính điểm', { selector: '.ant-popconfirm button span' }),
    );
    const alert = await within(document.querySelector('.ant-card') as HTMLElement).findByText(
      'Còn 1 giải trình chưa được trả lời: chưa tính điểm chính thức được.',
    );
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    const run = requests.find((r) => r.method === 'POST' && r.url.endsWith('/score-runs'));
    expect(await run?.json()).toEqual({ kind: 'final' });
  });

  it('lists answered feedback with its answer when filtered', async () => {
    const { requests } = feedbackApi();
    renderApp('/feedback');
    expect(await screen.findByText('Q1 – Quận 1 · chỉ số 1.2')).toBeInTheDocument();
    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.click(screen.getByText('Tất cả'));
    expect(
      await screen.findByText('Văn bản bổ sung ban hành sau kỳ đánh giá.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Q1 – Quận 1 · chỉ số 1.3')).toBeInTheDocument();
    expect(screen.getByText('1 giải trình')).toBeInTheDocument();
    expect(screen.getByText(/Trần Thị Bích Ngọc trả lời lúc/)).toBeInTheDocument();
    expect(screen.queryByText('Gửi trả lời')).not.toBeInTheDocument();
    const statuses = requests
      .filter((r) => new URL(r.url).pathname === '/api/v1/rounds/1/feedback')
      .map((r) => new URL(r.url).searchParams.get('status'));
    expect(statuses).toEqual(['open', null]);
  });

  it('is not offered to a unit', async () => {
    feedbackApi(editorMe);
    renderApp('/feedback');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Không có quyền truy cập' }),
    ).toBeInTheDocument();
  });
});
