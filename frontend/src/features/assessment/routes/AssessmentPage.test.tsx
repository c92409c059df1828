import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Assessment, Me } from '@/api/types';
import type { MockReply } from '@/test/api-mock';
import { json, mockApi, problem } from '@/test/api-mock';
import {
  assessmentCriteria,
  assessmentElements,
  demoRound,
  editorMe,
  headMe,
  providerUnit,
  q1Assessment,
  tokenPair,
} from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

const BASE = '/api/v1/rounds/1/units/Q1';
type Handler = MockReply | ((request: Request) => MockReply | Promise<MockReply>);

/**
 * The API with Q1's assessment kept as state: each write checks If-Match against the current
 * version and answers the new assessment and ETag, as the real one does.
 */
function assessmentApi(
  me: Me = editorMe,
  initial: Assessment = q1Assessment(),
  extra: Record<string, Handler> = {},
) {
  startSignedIn();
  let state = initial;
  // Saves wait here while a test holds them (`holdSaves`), so it may look at "saving" however
  // slow the machine.
  let held = Promise.resolve();
  const etag = () => `"assessment-1-Q1-v${state.version}"`;
  const reply = (): MockReply => ({ body: state, headers: { ETag: etag() } });
  const save =
    (code: string) =>
    async (request: Request): Promise<MockReply> => {
      await held;
      if (request.headers.get('If-Match') !== etag())
        return problem(412, 'Bài tự đánh giá đã được thay đổi ở nơi khác.');
      const body = (await request.json()) as {
        inputs: Record<string, unknown>;
        note: string | null;
      };
      state = {
        ...state,
        version: state.version + 1,
        answers: state.answers.map((answer) =>
          answer.indicator_code === code
            ? { ...answer, inputs: { ...answer.inputs, ...body.inputs }, note: body.note }
            : answer,
        ),
        preview: { ...state.preview, points: '48.89' },
        missing: state.missing.filter((item) => !item.field.endsWith(`.${code}`)),
      };
      return reply();
    };
  const api = mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/units': json({ items: [providerUnit], total: 1, limit: 500, offset: 0 }),
    'GET /api/v1/frameworks/2/criteria': json(assessmentCriteria),
    'GET /api/v1/frameworks/2/elements': json(assessmentElements),
    [`GET ${BASE}/assessment`]: () => reply(),
    [`PUT ${BASE}/answers/1.1`]: save('1.1'),
    [`PUT ${BASE}/answers/1.2`]: save('1.2'),
    [`PUT ${BASE}/answers/1.3`]: save('1.3'),
    ...extra,
  });
  return {
    ...api,
    puts: () => api.requests.filter((request) => request.method === 'PUT'),
    /** Someone else's write: a new version, with `change` applied. */
    changeElsewhere: (change: (current: Assessment) => Partial<Assessment>) => {
      state = { ...state, ...change(state), version: state.version + 1 };
    },
    /** Hold every save until the returned function is called. */
    holdSaves: () => {
      let release = () => {};
      held = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    state: () => state,
    setState: (next: Assessment) => {
      state = next;
    },
  };
}

async function openIndicator(code: string) {
  return screen.findByRole('region', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
}

const saved = /Đã lưu lúc \d/;

/** Replaces a field's text in one typing action: a clear and then a separate typing could be far
 * enough apart on a busy machine for the autosave to fire on the empty field in between. */
async function typeOver(
  user: ReturnType<typeof userEvent.setup>,
  input: HTMLElement,
  text: string,
): Promise<void> {
  const length = (input as HTMLInputElement).value.length;
  await user.type(input, text, { initialSelectionStart: 0, initialSelectionEnd: length });
}

describe('self-assessment page', () => {
  it("shows the unit's pillars with progress, the agencies' figures and the score preview", async () => {
    assessmentApi();
    renderApp('/assessment');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tự đánh giá' }),
    ).toBeInTheDocument();
    const pillar = await screen.findByRole('region', { name: '1. Nhận thức số' });
    expect(within(pillar).getByText(/Đã trả lời 2\/3 chỉ số/)).toBeInTheDocument();
    expect(screen.getByText(/^Q1 – Quận 1 · 2023 –/)).toBeInTheDocument();
    expect(screen.getByTestId('preview-total')).toHaveTextContent('33,89');
    expect(screen.getByTestId('preview-index')).toHaveTextContent('Chỉ số tạm tính: 0,4236');
    expect(screen.getByTestId('pillar-points-8')).toHaveTextContent('16 / 20');

    const supplied = await openIndicator('8.1');
    expect(
      within(supplied).getAllByText(
        /Số liệu do Cục Thuế Thành phố \(CUC-THUE\) cung cấp, cập nhật/,
      ),
    ).toHaveLength(2);
    expect(within(supplied).getByText('1200')).toBeInTheDocument();
    expect(within(supplied).queryByRole('textbox')).not.toBeInTheDocument();

    const choice = await openIndicator('1.1');
    expect(within(choice).getByText('Chỉ số 1.1 chưa được trả lời đầy đủ.')).toBeInTheDocument();
    expect(within(choice).getByText('Cách xác định 1.1')).toBeInTheDocument();
    // An editor does not submit: the head does.
    expect(screen.queryByRole('button', { name: 'Nộp bài tự đánh giá' })).not.toBeInTheDocument();
    expect(screen.getByText(/Lãnh đạo đơn vị sẽ ký duyệt và nộp bài/)).toBeInTheDocument();
  });

  it('saves a typed count after a pause, with If-Match, and shows when it was saved', async () => {
    const { puts, holdSaves } = assessmentApi();
    renderApp('/assessment');
    const count = await openIndicator('1.2');
    const input = within(count).getByLabelText('Số cuộc họp trong năm');
    expect(input).toHaveValue('2');
    const user = userEvent.setup();
    const release = holdSaves();
    await typeOver(user, input, '4');
    expect(within(count).getByRole('status')).toHaveTextContent('Đang lưu…');
    release();
    await waitFor(() => expect(within(count).getByRole('status')).toHaveTextContent(saved), {
      timeout: 3000,
    });
    // One save after the pause, carrying the version it was typed over.
    expect(puts()).toHaveLength(1);
    const request = puts()[0] as Request;
    expect(request.headers.get('If-Match')).toBe('"assessment-1-Q1-v3"');
    expect(await request.json()).toEqual({ inputs: { value: 4 }, note: null });
    expect(screen.getByTestId('preview-total')).toHaveTextContent('48,89');
    expect(input).toHaveValue('4');
  });

  it('sends every input of a ratio, and the next save carries the new ETag', async () => {
    const { puts } = assessmentApi();
    renderApp('/assessment');
    const ratio = await openIndicator('1.3');
    const user = userEvent.setup();
    const numerator = within(ratio).getByLabelText(/^Tử số \(a\)/);
    await typeOver(user, numerator, '40');
    await user.tab();
    await waitFor(() => expect(within(ratio).getByRole('status')).toHaveTextContent(saved));
    expect(within(ratio).getByTestId('ratio-1.3')).toHaveTextContent('Tỷ lệ hiện tại: 88,89%');

    const choice = await openIndicator('1.1');
    await user.click(
      within(choice).getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' }),
    );
    await waitFor(() => expect(within(choice).getByRole('status')).toHaveTextContent(saved));
    const [first, second] = puts();
    expect(await first?.json()).toEqual({ inputs: { a: 40, b: 45 }, note: null });
    expect(second?.headers.get('If-Match')).toBe('"assessment-1-Q1-v4"');
    expect(await second?.json()).toEqual({ inputs: { value: 'head' }, note: null });
  });

  it("shows the API's field error under the input and keeps what was typed", async () => {
    assessmentApi(editorMe, q1Assessment(), {
      [`PUT ${BASE}/answers/1.3`]: problem(422, 'Dữ liệu gửi lên không hợp lệ (1 lỗi).', {
        errors: [{ field: 'inputs.a', message: 'Tử số (60) không được lớn hơn mẫu số (45).' }],
      }),
    });
    renderApp('/assessment');
    const ratio = await openIndicator('1.3');
    const user = userEvent.setup();
    const numerator = within(ratio).getByLabelText(/^Tử số \(a\)/);
    await typeOver(user, numerator, '60');
    await user.tab();
    expect(
      await within(ratio).findByText('Tử số (60) không được lớn hơn mẫu số (45).'),
    ).toBeInTheDocument();
    expect(within(ratio).getByRole('status')).toHaveTextContent('Lỗi — chưa lưu.');
    expect(numerator).toHaveValue('60');
    expect(numerator).toHaveAttribute('aria-invalid', 'true');
    expect(numerator).toHaveAccessibleDescription('Tử số (60) không được lớn hơn mẫu số (45).');
  });

  it('on 412 for an answer changed elsewhere, reloads and keeps the typed value unsaved until the user chooses', async () => {
    const api = assessmentApi();
    renderApp('/assessment');
    const count = await openIndicator('1.2');
    const input = within(count).getByLabelText('Số cuộc họp trong năm');
    // Someone else saves 1.2 after this page was loaded.
    api.changeElsewhere((current) => ({
      answers: current.answers.map((answer) =>
        answer.indicator_code === '1.2' ? { ...answer, inputs: { value: 3 } } : answer,
      ),
    }));
    const user = userEvent.setup();
    await typeOver(user, input, '4');
    await user.tab();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Bài tự đánh giá vừa được người khác thay đổi, cả ở chỉ số 1.2',
    );
    expect(within(count).getByRole('status')).toHaveTextContent(
      'Chưa lưu — chỉ số này vừa được người khác sửa.',
    );
    expect(input).toHaveValue('4');
    expect(api.state().answers.find((answer) => answer.indicator_code === '1.2')?.inputs).toEqual({
      value: 3,
    });

    await user.click(within(count).getByRole('button', { name: 'Lưu giá trị của tôi' }));
    await waitFor(() => expect(within(count).getByRole('status')).toHaveTextContent(saved));
    expect(api.puts().at(-1)?.headers.get('If-Match')).toBe('"assessment-1-Q1-v4"');
    expect(api.state().answers.find((answer) => answer.indicator_code === '1.2')?.inputs).toEqual({
      value: 4,
    });
  });

  it('on 412 caused by a change to another indicator, reloads and saves the answer anyway', async () => {
    const api = assessmentApi();
    renderApp('/assessment');
    const count = await openIndicator('1.2');
    api.changeElsewhere(() => ({}));
    const user = userEvent.setup();
    const input = within(count).getByLabelText('Số cuộc họp trong năm');
    await typeOver(user, input, '4');
    await user.tab();
    await waitFor(() => expect(within(count).getByRole('status')).toHaveTextContent(saved));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Trang đã tải lại số liệu mới nhất và lưu tiếp thay đổi của bạn.',
    );
    expect(api.puts().map((request) => request.headers.get('If-Match'))).toEqual([
      '"assessment-1-Q1-v3"',
      '"assessment-1-Q1-v4"',
    ]);
  });

  it('lets the head see what is missing, then submit once nothing is', async () => {
    const onlyChoiceMissing = q1Assessment().missing.slice(0, 1);
    const api = assessmentApi(headMe, q1Assessment({ missing: onlyChoiceMissing }), {
      [`POST ${BASE}/submit`]: (request) => {
        if (request.headers.get('If-Match') !== `"assessment-1-Q1-v${api.state().version}"`) {
          return problem(412, 'Bài tự đánh giá đã được thay đổi ở nơi khác.');
        }
        api.setState({
          ...api.state(),
          status: 'submitted',
          editable: false,
          version: api.state().version + 1,
          submitted_at: '2025-03-02T03:04:00Z',
          submitted_by: 'q1.head',
        });
        return {
          body: api.state(),
          headers: { ETag: `"assessment-1-Q1-v${api.state().version}"` },
        };
      },
    });
    renderApp('/assessment');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Nộp bài tự đánh giá' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Chưa nộp được: còn 1 mục chưa hoàn thành'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Nộp bài' })).toBeDisabled();
    await user.click(
      within(dialog).getByRole('button', { name: 'Chỉ số 1.1 chưa được trả lời đầy đủ.' }),
    );

    const choice = await openIndicator('1.1');
    await user.click(
      within(choice).getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' }),
    );
    await waitFor(() => expect(within(choice).getByRole('status')).toHaveTextContent(saved));
    expect(screen.queryByText(/Còn \d+ mục cần hoàn thành/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Nộp bài tự đánh giá' }));
    const confirm = await screen.findByRole('dialog');
    expect(
      within(confirm).getByText('Bạn xác nhận ký duyệt và nộp bài tự đánh giá của Quận 1?'),
    ).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Nộp bài' }));
    expect(await screen.findByTestId('status-banner')).toHaveTextContent(
      /Đã nộp lúc .+, bởi q1\.head/,
    );
    const submit = api.requests.find(
      (request) => request.method === 'POST' && request.url.endsWith('/submit'),
    );
    expect(submit?.headers.get('If-Match')).toBe('"assessment-1-Q1-v4"');
    expect(screen.queryByRole('button', { name: 'Nộp bài tự đánh giá' })).not.toBeInTheDocument();
    expect(
      within(choice).getByRole('radio', { name: 'Người đứng đầu đơn vị (20 điểm)' }),
    ).toBeDisabled();
  });

  it('is read-only once submitted, with who submitted and when', async () => {
    assessmentApi(
      editorMe,
      q1Assessment({
        status: 'submitted',
        editable: false,
        missing: [],
        submitted_at: '2025-03-02T03:04:00Z',
        submitted_by: 'q1.head',
        submitted_by_name: 'Võ Thanh Tùng',
      }),
    );
    renderApp('/assessment');
    expect(await screen.findByTestId('status-banner')).toHaveTextContent(
      /Đã nộp lúc .+, bởi Võ Thanh Tùng/,
    );
    expect(screen.getByTestId('assessment-status')).toHaveTextContent('Đã nộp, chờ thẩm định');
    const count = await openIndicator('1.2');
    expect(within(count).getByLabelText('Số cuộc họp trong năm')).toBeDisabled();
    expect(
      within(await openIndicator('1.1')).getByRole('radio', {
        name: 'Người đứng đầu đơn vị (20 điểm)',
      }),
    ).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Tải tài liệu lên' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Nộp bài tự đánh giá' })).not.toBeInTheDocument();
  });

  it('reopens only the returned answer, with what the reviewer asked to fix', async () => {
    const base = q1Assessment();
    assessmentApi(
      editorMe,
      q1Assessment({
        status: 'returned',
        editable: true,
        answers: base.answers.map((item) =>
          item.indicator_code === '1.2'
            ? {
                ...item,
                review: {
                  decision: 'returned',
                  points: null,
                  values: null,
                  comment: 'Bổ sung biên bản họp quý IV.',
                  reviewer: 'evaluator',
                  reviewer_name: 'Trần Thị Bích Ngọc',
                  decided_at: '2025-03-05T02:00:00Z',
                  after_resubmission: true,
                },
              }
            : { ...item, editable: false },
        ),
      }),
    );
    renderApp('/assessment');
    const returned = await openIndicator('1.2');
    expect(within(returned).getByText('Bổ sung biên bản họp quý IV.')).toBeInTheDocument();
    expect(within(returned).getByText(/Trần Thị Bích Ngọc/)).toBeInTheDocument();
    expect(within(returned).getByLabelText('Số cuộc họp trong năm')).toBeEnabled();
    const ratio = await openIndicator('1.3');
    expect(within(ratio).getByLabelText(/^Tử số \(a\)/)).toBeDisabled();
  });
});
