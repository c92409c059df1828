import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { demoRound, editorMe, explanation12, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { FeedbackItem, UnitFeedback, UnitResult } from '../api/feedback';

const run = {
  id: 5,
  round_id: 1,
  kind: 'preliminary' as const,
  shared_with_units: true,
  input_hash: 'ab12'.repeat(16),
  unit_count: 47,
  created_by: 'evaluator',
  created_at: '2025-03-30T02:00:00Z',
};

const node = (code: string, name: string, points: string, max: string) => ({
  code,
  name_vi: name,
  points,
  max_points: max,
  index: '0.5000',
  rank: null,
  applicable: true,
});

const result: UnitResult = {
  run,
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  group: 'QH',
  total: {
    code: 'total',
    name_vi: null,
    points: '33.89',
    max_points: '80.00',
    index: '0.4236',
    rank: 3,
    applicable: true,
  },
  nodes: [
    node('1', 'Nhận thức số', '17.89', '60.00'),
    node('1.2', 'Số cuộc họp của Ban chỉ đạo CĐS trong năm', '5.00', '20.00'),
    node('1.3', 'Tỷ lệ văn bản chỉ đạo do người đứng đầu ký', '15.00', '20.00'),
  ],
  explanations: {
    '1.2': explanation12,
    '1.3': {
      rule: 'ratio',
      outcome: 'adjusted',
      applicable: true,
      inputs: [
        { name: 'a', element_code: 'E-1.3-a', value: 29, source: 'self' },
        { name: 'b', element_code: 'E-1.3-b', value: 45, source: 'self' },
      ],
      formula_vi: '29 ÷ 45 = 64,44 %; người đánh giá điều chỉnh thành 15,00 điểm',
      formula_en: '29 ÷ 45 = 64.44 %; adjusted by the reviewer to 15.00 points',
      points: '15.00',
      max_points: '20.00',
      adjustment: { points: '15', reason: 'Bổ sung văn bản ký số' },
    },
  },
};

const answered: FeedbackItem = {
  id: 3,
  unit_code: 'Q1',
  indicator_code: '1.3',
  score_run_id: 5,
  body: 'Đơn vị có thêm 6 văn bản ký số.',
  filed_by: 'q1.editor',
  filed_by_name: 'Phạm Thị Thu Hà',
  filed_at: '2025-04-02T03:00:00Z',
  status: 'accepted',
  response: 'Bổ sung văn bản ký số',
  responded_by: 'evaluator',
  responded_by_name: 'Trần Thị Bích Ngọc',
  responded_at: '2025-04-03T03:00:00Z',
  files: [
    {
      id: 11,
      sha256: 'cd'.repeat(32),
      filename: 'van-ban.pdf',
      size: 2048,
      content_type: 'application/pdf',
      indicator_code: '1.3',
      uploaded_at: '2025-04-02T03:00:00Z',
      uploaded_by: 'q1.editor',
    },
  ],
};

const openWindow = { opens_on: '2025-04-01', closes_on: '2025-04-10', open: true };

function resultsApi(feedback: UnitFeedback) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(editorMe),
    'GET /api/v1/rounds': json({
      items: [{ ...demoRound, phase: 'preliminary' }],
      total: 1,
      limit: 100,
      offset: 0,
    }),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/rounds/1/units/Q1/feedback': json(feedback),
    'GET /api/v1/rounds/1/score-runs/5/results/Q1': json(result),
    // The published run: other points than the preliminary one.
    'GET /api/v1/rounds/1/score-runs/7/results/Q1': json({
      ...result,
      run: { ...result.run, id: 7, kind: 'final' },
      total: { ...result.total, points: '61.25' },
    }),
    'POST /api/v1/rounds/1/units/Q1/feedback': async (request) => {
      const body = (await request.json()) as { indicator_code: string; body: string };
      return json({ ...answered, id: 4, ...body, status: 'open', response: null, files: [] }, 201);
    },
  });
}

/** XMLHttpRequest as the upload sees it: every file is stored at once. */
class InstantXhr {
  static sent: { url: string; body: FormData }[] = [];
  upload = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  responseType = '';
  status = 0;
  responseText = '';
  url = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  send(body: FormData) {
    InstantXhr.sent.push({ url: this.url, body });
    this.status = 201;
    this.responseText = JSON.stringify(answered.files[0]);
    queueMicrotask(() => this.onload?.());
  }
}

/**
 * The open dialog, by its title. Looked up directly: a role query over the whole page is slow, and
 * under test antd gives every dialog the same `aria-labelledby` id, so its name is not reliable.
 */
async function findDialog(title: string): Promise<HTMLElement> {
  return waitFor(() => {
    const dialog = document.querySelector<HTMLElement>(
      '.ant-modal-wrap:not([style*="display: none"]) [role="dialog"]',
    );
    expect(dialog).not.toBeNull();
    expect(within(dialog as HTMLElement).getByText(title)).toBeInTheDocument();
    return dialog as HTMLElement;
  });
}

function rowOf(text: string): HTMLElement {
  return screen.getByText(text, { exact: false }).closest('tr') as HTMLElement;
}

describe('the preliminary results (Kết quả sơ bộ và giải trình)', () => {
  it('shows the total, explains an indicator, and files a feedback with a file', async () => {
    vi.stubGlobal('XMLHttpRequest', InstantXhr);
    InstantXhr.sent = [];
    const { requests } = resultsApi({ window: openWindow, run_id: 5, items: [answered] });
    renderApp('/results');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Kết quả sơ bộ và giải trình' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('33,89/80')).toBeInTheDocument();
    expect(screen.getByText('Xếp hạng trong nhóm QH')).toBeInTheDocument();
    expect(
      screen.getByText('Thời gian giải trình: từ 01/04/2025 đến 10/04/2025'),
    ).toBeInTheDocument();
    expect(screen.getByText('Đang mở')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(within(nav).getByRole('link', { name: 'Kết quả' })).toBeInTheDocument();

    // The explanation of 1.2: the formula with its numbers and the figures read.
    // antd's CSS-in-JS makes each computed style slow under jsdom: skip the pointer-events probe.
    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.click(within(rowOf('1.2 – Số cuộc họp')).getByLabelText('Mở rộng dòng'));
    const explained = await screen.findByLabelText('Cách tính điểm chỉ số 1.2');
    expect(within(explained).getByText('x = 2 đạt bậc ≥ 1 → 5,00 điểm')).toBeInTheDocument();
    expect(within(explained).getByText('E-1.2')).toBeInTheDocument();
    expect(within(explained).getByText('Đơn vị tự nhập')).toBeInTheDocument();
    // 1.3 was adjusted by DIC: the points and the reason show.
    await user.click(within(rowOf('1.3 – Tỷ lệ văn bản')).getByLabelText('Mở rộng dòng'));
    const adjusted = await screen.findByLabelText('Cách tính điểm chỉ số 1.3');
    expect(within(adjusted).getByText('Sở KH&CN đã điều chỉnh thành 15 điểm')).toBeInTheDocument();
    expect(within(adjusted).getByText('Lý do: Bổ sung văn bản ký số')).toBeInTheDocument();

    // The unit's earlier feedback, with DIC's answer.
    const list = within(document.querySelector('.unit-feedback') as HTMLElement);
    expect(list.getByText('Đơn vị có thêm 6 văn bản ký số.')).toBeInTheDocument();
    expect(list.getByText('Được chấp nhận')).toBeInTheDocument();
    expect(list.getByText('van-ban.pdf').closest('button')).toHaveAttribute(
      'aria-label',
      'Tải xuống van-ban.pdf',
    );
    expect(list.getByText(/Trần Thị Bích Ngọc trả lời lúc/)).toBeInTheDocument();

    await user.click(within(rowOf('1.2 – Số cuộc họp')).getByLabelText('Giải trình chỉ số 1.2'));
    const dialog = await findDialog('Giải trình chỉ số 1.2');
    // Nothing written: the form says so and sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Gửi giải trình' }));
    expect(
      await within(dialog).findByText('Vui lòng nhập nội dung giải trình.'),
    ).toBeInTheDocument();

    await user.type(
      within(dialog).getByLabelText('Nội dung giải trình'),
      'Đơn vị đã họp 4 lần, có biên bản kèm theo.',
    );
    const file = new File(['%PDF-1.4'], 'bien-ban.pdf', { type: 'application/pdf' });
    await user.upload(dialog.querySelector('input[type="file"]') as HTMLInputElement, file);
    await user.click(within(dialog).getByRole('button', { name: 'Gửi giải trình' }));

    await waitFor(() => expect(InstantXhr.sent).toHaveLength(1));
    const filed = requests.filter(
      (r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/units/Q1/feedback'),
    );
    expect(filed).toHaveLength(1);
    expect(await filed[0]?.json()).toEqual({
      indicator_code: '1.2',
      body: 'Đơn vị đã họp 4 lần, có biên bản kèm theo.',
    });
    expect(InstantXhr.sent[0]?.url).toMatch(
      /\/api\/v1\/rounds\/1\/units\/Q1\/feedback\/4\/evidence$/,
    );
    expect((InstantXhr.sent[0]?.body.get('file') as File).name).toBe('bien-ban.pdf');
    // The list is read again once filed.
    await waitFor(() =>
      expect(
        requests.filter((r) => r.method === 'GET' && r.url.endsWith('/units/Q1/feedback')),
      ).toHaveLength(2),
    );
  });

  it('offers no feedback once the window has closed', async () => {
    resultsApi({ window: { ...openWindow, open: false }, run_id: 5, items: [] });
    renderApp('/results');
    expect(await screen.findByText('Đã đóng')).toBeInTheDocument();
    expect(
      screen.getByText('Thời gian giải trình: từ 01/04/2025 đến 10/04/2025'),
    ).toBeInTheDocument();
    expect(screen.getByText('1.2 – Số cuộc họp của Ban chỉ đạo CĐS trong năm')).toBeInTheDocument();
    const criteria = within(document.querySelector('.results-criteria') as HTMLElement);
    expect(criteria.queryAllByLabelText(/^Giải trình chỉ số/)).toHaveLength(0);
    expect(criteria.queryByText('Giải trình', { selector: 'button span' })).not.toBeInTheDocument();
    expect(screen.getByText('Đơn vị chưa gửi giải trình nào.')).toBeInTheDocument();
  });

  it('shows the published results once there are some, with no feedback to file', async () => {
    const { requests } = resultsApi({
      window: { ...openWindow, open: false },
      run_id: 5,
      published_run_id: 7,
      published_version: 2,
      items: [answered],
    });
    renderApp('/results');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Kết quả chính thức' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Đây là kết quả chính thức đã công bố, phiên bản v2.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem trên trang kết quả công khai' })).toHaveAttribute(
      'href',
      '/public?round=1',
    );
    expect(await screen.findByText('61,25/80')).toBeInTheDocument();
    expect(screen.queryByText(/^Thời gian giải trình/)).not.toBeInTheDocument();
    const criteria = within(document.querySelector('.results-criteria') as HTMLElement);
    expect(criteria.queryAllByLabelText(/^Giải trình chỉ số/)).toHaveLength(0);
    expect(requests.some((r) => r.url.endsWith('/score-runs/5/results/Q1'))).toBe(false);
  });

  it('says so when no preliminary results are shared yet', async () => {
    resultsApi({
      window: { opens_on: null, closes_on: null, open: false },
      run_id: null,
      items: [],
    });
    renderApp('/results');
    expect(
      await screen.findByText(
        'Chưa có kết quả sơ bộ nào được chia sẻ với đơn vị trong kỳ đánh giá này.',
      ),
    ).toBeInTheDocument();
  });
});
