import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Me, Phase, Round } from '@/api/types';
import { saveFile } from '@/lib/save-file';
import { json, mockApi, problem } from '@/test/api-mock';
import type { MockReply } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair, unitGroups } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { Publication, RunDiff, ScoreRun } from '../api/publish';

const approverMe: Me = {
  ...adminMe,
  username: 'lanh-dao',
  full_name: 'Lê Hoàng Minh',
  roles: ['approver'],
};
const evaluatorMe: Me = {
  ...adminMe,
  username: 'evaluator',
  full_name: 'Trần Thị Bích Ngọc',
  roles: ['evaluator'],
};

const NEXT: Record<Phase, Phase[]> = {
  draft: ['collecting'],
  collecting: ['reviewing'],
  reviewing: ['preliminary', 'collecting'],
  preliminary: ['final', 'reviewing'],
  final: ['published'],
  published: ['final'],
};

const PHASE_NAMES: Record<Phase, string> = {
  draft: 'Dự thảo',
  collecting: 'Thu thập số liệu',
  reviewing: 'Thẩm định',
  preliminary: 'Kết quả sơ bộ',
  final: 'Kết quả chính thức',
  published: 'Đã công bố',
};

const roundIn = (phase: Phase): Round => ({ ...demoRound, phase, next_phases: NEXT[phase] });

const run = (id: number, kind: ScoreRun['kind'], overrides: Partial<ScoreRun> = {}): ScoreRun => ({
  id,
  round_id: 1,
  kind,
  shared_with_units: kind === 'preliminary',
  input_hash: `${String(id).repeat(8)}9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d`,
  unit_count: 47,
  created_by: 'evaluator',
  created_at: `2025-04-0${id % 9}T02:00:00Z`,
  ...overrides,
});

const publication = (
  version: number,
  runId: number,
  reason: string | null = null,
): Publication => ({
  round_id: 1,
  version,
  score_run_id: runId,
  reason,
  content_hash: 'c0ffee'.repeat(10) + 'abcd',
  published_at: '2025-04-10T03:00:00Z',
  published_by: 'lanh-dao',
});

interface Setup {
  me?: Me;
  phase?: Phase;
  runs?: ScoreRun[];
  publications?: Publication[];
  extra?: Record<string, MockReply | ((request: Request) => MockReply | Promise<MockReply>)>;
}

function publishApi({
  me = approverMe,
  phase = 'final',
  runs = [],
  publications = [],
  extra = {},
}: Setup = {}) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [roundIn(phase)], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/rounds/1/phase-history': json([
      {
        from_phase: 'draft',
        to_phase: 'collecting',
        changed_by: 'lanh-dao',
        changed_at: '2025-01-15T02:00:00Z',
        note: null,
      },
    ]),
    'GET /api/v1/rounds/1/score-runs': json(runs),
    'GET /api/v1/rounds/1/publications': json(publications),
    ...extra,
  });
}

const user = () => userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });

async function openPage() {
  renderApp('/publish');
  // A text query first: role queries over the whole app are slow while it renders.
  await screen.findByText('Tính điểm nháp', {}, { timeout: 10_000 });
}

/** The buttons of the «Giai đoạn» card. */
function phaseButtons(): string[] {
  const card = screen
    .getByText('Giai đoạn', { selector: 'h2' })
    .closest('.ant-card') as HTMLElement;
  return [...card.querySelectorAll('button')]
    .map((button) => button.textContent)
    .filter((text) => text !== 'Lịch sử chuyển giai đoạn');
}

const runsTable = () => within(document.querySelector('.publish-runs') as HTMLElement);

/** The open modal or drawer whose title is `title` (text queries: role queries are slow here). */
async function dialogTitled(title: string): Promise<HTMLElement> {
  const heading = await screen.findByText(title, {}, { timeout: 5_000 });
  return heading.closest('.ant-modal, [role="dialog"]') as HTMLElement;
}

/** A button by its visible text, inside `container`. */
const buttonIn = (container: HTMLElement, text: string) =>
  within(container)
    .getByText(text, { selector: 'button span' })
    .closest('button') as HTMLButtonElement;

describe('the publish page (Công bố kết quả)', () => {
  it.each<[Phase, string[]]>([
    ['draft', ['Chuyển sang: Thu thập số liệu']],
    ['collecting', ['Chuyển sang: Thẩm định']],
    ['reviewing', ['Chuyển sang: Kết quả sơ bộ', 'Quay lại: Thu thập số liệu']],
    ['preliminary', ['Chuyển sang: Kết quả chính thức', 'Quay lại: Thẩm định']],
    ['final', []],
    ['published', ['Mở lại để đính chính']],
  ])(
    'offers the approver the moves allowed from %s, never a move to published',
    async (phase, expected) => {
      publishApi({ phase });
      await openPage();
      expect(screen.getByText(`Giai đoạn hiện tại: ${PHASE_NAMES[phase]}.`)).toBeInTheDocument();
      expect(phaseButtons()).toEqual(expected);
      expect(phaseButtons().some((text) => text.includes('Đã công bố'))).toBe(false);
      if (phase === 'final') {
        expect(screen.getByText(/khi công bố một lần tính điểm chính thức/)).toBeInTheDocument();
      }
    },
  );

  it('moves the round on with a note, refreshes the rounds, and shows a refusal inline', async () => {
    let moves = 0;
    const { requests } = publishApi({
      phase: 'collecting',
      extra: {
        'POST /api/v1/rounds/1/phase': () => {
          moves += 1;
          return moves === 1
            ? problem(409, 'Kỳ đánh giá vừa được người khác chuyển giai đoạn.', {
                code: 'round.phase_changed',
              })
            : json(roundIn('reviewing'));
        },
      },
    });
    await openPage();
    expect(screen.getByText('Giai đoạn hiện tại: Thu thập số liệu.')).toBeInTheDocument();
    const u = user();
    await u.click(screen.getByText('Chuyển sang: Thẩm định'));
    const dialog = await dialogTitled('Chuyển kỳ đánh giá sang giai đoạn «Thẩm định»?');
    await u.type(within(dialog).getByLabelText('Ghi chú (không bắt buộc)'), 'Hết hạn nộp bài');
    await u.click(buttonIn(dialog, 'Chuyển giai đoạn'));
    expect(
      await within(dialog).findByText('Kỳ đánh giá vừa được người khác chuyển giai đoạn.'),
    ).toBeInTheDocument();

    const roundReads = () =>
      requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/v1/rounds')
        .length;
    const before = roundReads();
    await u.click(buttonIn(dialog, 'Chuyển giai đoạn'));
    expect(
      await screen.findByText('Kỳ đánh giá đã chuyển sang giai đoạn «Thẩm định».'),
    ).toBeInTheDocument();
    const posts = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/rounds/1/phase'));
    expect(await posts[1]?.json()).toEqual({ phase: 'reviewing', note: 'Hết hạn nộp bài' });
    await waitFor(() => expect(roundReads()).toBeGreaterThan(before));
  });

  it('publishes a final run as v1 after explaining it becomes public', async () => {
    let published: Publication[] = [];
    const { requests } = publishApi({
      runs: [run(7, 'final'), run(6, 'draft')],
      extra: {
        'GET /api/v1/rounds/1/publications': () => json(published),
        'POST /api/v1/rounds/1/publications': () => {
          published = [publication(1, 7)];
          return json(publication(1, 7), 201);
        },
      },
    });
    await openPage();
    expect(await screen.findByText('Chưa công bố lần nào.')).toBeInTheDocument();
    // Only the final run can be published.
    expect(await runsTable().findByLabelText('Công bố lần tính #7')).toBeInTheDocument();
    expect(runsTable().queryByLabelText('Công bố lần tính #6')).not.toBeInTheDocument();
    const u = user();
    await u.click(runsTable().getByLabelText('Công bố lần tính #7'));
    const dialog = await dialogTitled('Công bố kết quả lần tính #7');
    expect(within(dialog).getByText(/sẽ được đăng trên trang công khai/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Bản công bố không sửa hay xóa được/)).toBeInTheDocument();
    expect(within(dialog).getByText('Phiên bản sẽ công bố: v1.')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Lý do công bố lại')).not.toBeInTheDocument();
    await u.click(buttonIn(dialog, 'Công bố'));

    expect(await screen.findByText('Đã công bố kết quả: phiên bản v1.')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/publications'));
    expect(await post?.json()).toEqual({ score_run_id: 7 });

    // The publication is listed, with its public page and downloads; the run is marked.
    const list = within(document.querySelector('.publications') as HTMLElement);
    expect(await list.findByText('v1')).toBeInTheDocument();
    expect(list.getByLabelText('Xem trang công khai của phiên bản v1')).toHaveAttribute(
      'href',
      '/public?round=1&version=1',
    );
    expect(list.getByLabelText('Tải CSV phiên bản v1')).toHaveAttribute(
      'href',
      '/api/v1/public/rounds/1/results.csv?version=1',
    );
    expect(list.getByLabelText('Tải Excel phiên bản v1')).toHaveAttribute(
      'href',
      '/api/v1/public/rounds/1/results.xlsx?version=1',
    );
    expect(list.getByText('c0ffeec0ffee').closest('[title]')).toHaveAttribute(
      'title',
      publication(1, 7).content_hash,
    );
    expect(await runsTable().findByText('Đã công bố v1')).toBeInTheDocument();
    // The run now public cannot be published again.
    expect(runsTable().queryByLabelText('Công bố lần tính #7')).not.toBeInTheDocument();
  });

  it('asks the reason for a re-issue, and shows the API’s refusal beside it', async () => {
    let attempts = 0;
    const { requests } = publishApi({
      phase: 'published',
      runs: [run(9, 'final'), run(7, 'final')],
      publications: [publication(1, 7)],
      extra: {
        'POST /api/v1/rounds/1/publications': () => {
          attempts += 1;
          return attempts === 1
            ? problem(422, 'Dữ liệu không hợp lệ.', {
                errors: [{ field: 'reason', message: 'Lý do quá ngắn.' }],
              })
            : json(publication(2, 9, 'Đính chính số liệu Quận 1'), 201);
        },
      },
    });
    await openPage();
    const u = user();
    await u.click(await runsTable().findByLabelText('Công bố lần tính #9'));
    const dialog = await dialogTitled('Công bố kết quả lần tính #9');
    expect(within(dialog).getByText('Phiên bản sẽ công bố: v2.')).toBeInTheDocument();

    // No reason: nothing goes out.
    await u.click(buttonIn(dialog, 'Công bố'));
    expect(await within(dialog).findByText('Vui lòng nêu lý do công bố lại.')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/publications'))).toBe(
      false,
    );

    const reason = within(dialog).getByLabelText('Lý do công bố lại');
    await u.type(reason, 'Sửa');
    await u.click(buttonIn(dialog, 'Công bố'));
    expect(await within(dialog).findByText('Lý do quá ngắn.')).toBeInTheDocument();

    await u.clear(reason);
    await u.type(reason, 'Đính chính số liệu Quận 1');
    await u.click(buttonIn(dialog, 'Công bố'));
    expect(await screen.findByText('Đã công bố kết quả: phiên bản v2.')).toBeInTheDocument();
    const posts = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/publications'));
    expect(await posts[1]?.json()).toEqual({
      score_run_id: 9,
      reason: 'Đính chính số liệu Quận 1',
    });
  });

  it('compares a run with the one before: the changed unit, its indicator and why', async () => {
    const diff: RunDiff = {
      base: run(7, 'draft'),
      target: run(8, 'draft'),
      same_inputs: false,
      framework_changed: false,
      units_added: [],
      units_removed: [],
      units: [
        {
          unit_code: 'Q1',
          unit_name_vi: 'Quận 1',
          group: 'QH',
          points_before: '812.5',
          points_after: '830',
          rank_before: 4,
          rank_after: 2,
          criteria: [
            {
              code: '1.2',
              name_vi: 'Số cuộc họp của Ban chỉ đạo',
              points_before: '5',
              points_after: '22.5',
              reasons: [
                {
                  kind: 'input',
                  input_name: 'value',
                  element_code: 'E-1.2',
                  before: 2,
                  after: 4,
                  source_before: 'self',
                  source_after: 'provider',
                },
              ],
            },
          ],
        },
      ],
    };
    const { requests } = publishApi({
      phase: 'reviewing',
      runs: [run(8, 'draft'), run(7, 'draft')],
      extra: { 'GET /api/v1/rounds/1/score-runs/8/diff': json(diff) },
    });
    await openPage();
    // The oldest run has nothing before it.
    expect(await runsTable().findByLabelText('So sánh lần tính #7 với lần trước')).toBeDisabled();
    const u = user();
    await u.click(runsTable().getByLabelText('So sánh lần tính #8 với lần trước'));
    const drawer = await dialogTitled('So sánh lần tính #8 với lần tính #7');
    expect(within(drawer).getByText('So sánh lần tính #8 với lần tính #7').tagName).toBe('H2');
    expect(within(drawer).getByText('Đã thay đổi giữa hai lần tính.')).toBeInTheDocument();
    expect(within(drawer).getByText('Q1 – Quận 1')).toBeInTheDocument();
    expect(within(drawer).getByText('812,5 → 830')).toBeInTheDocument();
    expect(within(drawer).getByText('4 → 2')).toBeInTheDocument();

    await u.click(within(drawer).getByLabelText('Các chỉ số thay đổi của Q1'));
    const criteria = await within(drawer).findByLabelText('Các chỉ số thay đổi của Q1 – Quận 1');
    expect(
      within(criteria).getByText('Chỉ số 1.2 – Số cuộc họp của Ban chỉ đạo'),
    ).toBeInTheDocument();
    expect(within(criteria).getByText(/5 → 22,5 điểm/)).toBeInTheDocument();
    expect(
      within(criteria).getByText(
        'Số liệu «value» (E-1.2): 2 → 4; nguồn: Đơn vị tự nhập → Cơ quan cung cấp số liệu',
      ),
    ).toBeInTheDocument();
    expect(
      requests.some((r) => new URL(r.url).pathname === '/api/v1/rounds/1/score-runs/8/diff'),
    ).toBe(true);
  });

  it('lets an evaluator compute and download runs, but not move phases or publish', async () => {
    const { requests } = publishApi({
      me: evaluatorMe,
      phase: 'final',
      runs: [run(7, 'final')],
      extra: {
        'GET /api/v1/rounds/1/score-runs/7/report.xlsx': {
          status: 200,
          body: 'xlsx',
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          },
        },
        'POST /api/v1/rounds/1/score-runs': problem(
          409,
          'Còn 1 giải trình chưa được trả lời: chưa tính điểm chính thức được.',
          { code: 'results.feedback_open' },
        ),
      },
    });
    await openPage();
    expect(screen.getByText('Công bố kết quả', { selector: 'nav a' })).toHaveAttribute(
      'href',
      '/publish',
    );
    expect(screen.getByText('Công bố kết quả', { selector: 'h1' })).toBeInTheDocument();
    expect(
      screen.getByText('Chỉ lãnh đạo Sở (người phê duyệt) chuyển giai đoạn và công bố kết quả.'),
    ).toBeInTheDocument();
    expect(phaseButtons()).toEqual([]);
    expect(await runsTable().findByText('#7')).toBeInTheDocument();
    expect(runsTable().queryByLabelText(/^Công bố/)).not.toBeInTheDocument();
    expect(runsTable().queryByText('Công bố')).not.toBeInTheDocument();

    const u = user();
    await u.click(runsTable().getByLabelText('Báo cáo Excel của lần tính #7'));
    await waitFor(() =>
      expect(saveFile).toHaveBeenCalledWith(expect.anything(), 'bao-cao-dti-ky-1-lan-tinh-7.xlsx'),
    );

    // The final run is refused while feedback waits: the API's message shows in the card.
    await u.click(screen.getByText('Tính điểm chính thức'));
    await u.click(await screen.findByText('Bắt đầu tính điểm'));
    expect(
      await screen.findByText(
        'Còn 1 giải trình chưa được trả lời: chưa tính điểm chính thức được.',
      ),
    ).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/score-runs'));
    expect(await post?.json()).toEqual({ kind: 'final' });
  });
});
