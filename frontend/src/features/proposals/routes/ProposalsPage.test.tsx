import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Framework, Me } from '@/api/types';
import { saveFile } from '@/lib/save-file';
import { json, mockApi, problem } from '@/test/api-mock';
import {
  criteria,
  demoRound,
  editorMe,
  framework,
  tokenPair,
  unitGroups,
  units,
} from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { Proposal } from '../api/proposals';

const evaluatorMe: Me = {
  kind: 'user',
  username: 'evaluator',
  full_name: 'Trần Thị Bích Ngọc',
  roles: ['evaluator'],
  unit_code: null,
  unit_name_vi: null,
  must_change_password: false,
};

const draft: Framework = {
  ...framework,
  id: 7,
  code: 'HCMC-DTI-2024-DRAFT',
  title_vi: 'Dự thảo bộ chỉ số 2024',
  title_en: 'Draft 2024 index',
  status: 'draft',
  is_frozen: false,
  cloned_from_id: 2,
  year: 2024,
};

const waiting: Proposal = {
  id: 12,
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  framework_id: 2,
  framework_code: 'HCMC-DTI-2023',
  kind: 'change',
  criterion_code: '1.1',
  title: 'Tính cả cuộc họp trực tuyến',
  rationale: 'Nhiều cuộc họp được tổ chức trực tuyến.',
  proposed_text: '≥4 cuộc họp (kể cả trực tuyến): 20 điểm.',
  attachment: {
    filename: 'bien-ban.pdf',
    size: 2048,
    content_type: 'application/pdf',
    sha256: 'ab'.repeat(32),
  },
  filed_by: 'q1.editor',
  filed_by_name: 'Phạm Thị Thu Hà',
  filed_at: '2026-11-02T03:00:00Z',
  status: 'submitted',
  target_framework_id: null,
  target_framework_code: null,
  target_criterion_code: null,
  duplicate_of_id: null,
  response: null,
  decided_by: null,
  decided_by_name: null,
  decided_at: null,
};

const declined: Proposal = {
  ...waiting,
  id: 9,
  kind: 'remove',
  title: 'Bỏ chỉ số 8.1',
  status: 'declined',
  response: 'Chỉ số vẫn cần cho báo cáo của Thành phố.',
  decided_by: 'evaluator',
  decided_by_name: 'Trần Thị Bích Ngọc',
  decided_at: '2026-11-05T03:00:00Z',
  attachment: null,
};

// The page's lazy route loads on the first visit: on two busy cores that can take a while.
const FIRST_LOAD = { timeout: 20_000 };

const page = (items: Proposal[]) => ({ items, total: items.length, limit: 20, offset: 0 });

function proposalsApi(me: Me) {
  startSignedIn();
  let answered: Proposal | null = null;
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/units': json({ items: units, total: units.length, limit: 500, offset: 0 }),
    'GET /api/v1/frameworks': json({ items: [framework, draft], total: 2, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks/2/criteria': json(criteria),
    'GET /api/v1/frameworks/7/criteria': json(criteria),
    'GET /api/v1/proposals': (request) => {
      const status = new URL(request.url).searchParams.get('status');
      if (status === 'submitted') return json(page(answered ? [] : [waiting]));
      return json(page([answered ?? waiting, declined]));
    },
    'GET /api/v1/proposals/12': () => json(answered ?? waiting),
    'POST /api/v1/proposals': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      return json({ ...waiting, id: 13, ...body, attachment: null }, 201);
    },
    'POST /api/v1/proposals/12/triage': async (request) => {
      const body = (await request.json()) as { decision: string; target_criterion_code: string };
      if (body.target_criterion_code === '9.9') {
        return problem(409, 'Bộ chỉ số HCMC-DTI-2023 không còn là dự thảo.', {
          errors: [{ field: 'target_framework_id', message: 'Không còn là dự thảo.' }],
        });
      }
      answered = {
        ...waiting,
        status: 'accepted',
        target_framework_id: 7,
        target_framework_code: 'HCMC-DTI-2024-DRAFT',
        target_criterion_code: body.target_criterion_code,
        decided_by: 'evaluator',
        decided_at: '2026-11-06T03:00:00Z',
      };
      return json(answered);
    },
    'GET /api/v1/proposals.xlsx': {
      status: 200,
      body: 'xlsx',
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    },
  });
}

describe('proposals of a unit (Đề xuất)', () => {
  it(
    "lists the unit's proposals with DIC's answers and files a new one",
    { timeout: 120_000 },
    async () => {
      const { requests } = proposalsApi(editorMe);
      renderApp('/proposals');
      expect(
        await screen.findByRole(
          'heading',
          { level: 1, name: 'Đề xuất sửa đổi bộ chỉ số' },
          FIRST_LOAD,
        ),
      ).toBeInTheDocument();
      expect(await screen.findByText('Tính cả cuộc họp trực tuyến')).toBeInTheDocument();
      expect(screen.getByText('Chờ xử lý')).toBeInTheDocument();
      expect(screen.getByText('Sở KH&CN chưa trả lời.')).toBeInTheDocument();
      expect(screen.getByText('Không tiếp nhận')).toBeInTheDocument();
      expect(screen.getByText('Chỉ số vẫn cần cho báo cáo của Thành phố.')).toBeInTheDocument();
      // A unit's list asks for nothing but its own (the API narrows it anyway).
      const listed = requests.find((r) => new URL(r.url).pathname === '/api/v1/proposals');
      expect(new URL(listed?.url ?? '').searchParams.get('unit')).toBeNull();

      const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
      await user.click(screen.getByRole('button', { name: /Gửi đề xuất/ }));
      const dialog = await screen.findByRole('dialog');
      // Nothing goes out before the form is filled in.
      await user.click(within(dialog).getByRole('button', { name: 'Gửi đề xuất' }));
      expect(
        await within(dialog).findByText('Vui lòng chọn chỉ số trong cây tiêu chí.'),
      ).toBeInTheDocument();
      expect(within(dialog).getByText('Vui lòng nêu lý do đề xuất.')).toBeInTheDocument();

      await user.click(within(dialog).getByRole('combobox', { name: 'Chỉ số' }));
      await user.click(await screen.findByTitle('1.1 – Có Ban chỉ đạo CĐS'));
      await user.type(within(dialog).getByLabelText('Tiêu đề'), 'Sửa cách tính 1.1');
      await user.type(within(dialog).getByLabelText('Lý do đề xuất'), 'Ban chỉ đạo đã kiện toàn.');
      await user.type(within(dialog).getByLabelText('Nội dung đề xuất'), 'Có: 20 điểm.');
      await user.click(within(dialog).getByRole('button', { name: 'Gửi đề xuất' }));

      await waitFor(() =>
        expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/proposals'))).toBe(
          true,
        ),
      );
      const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/proposals'));
      expect(await sent?.json()).toEqual({
        framework_id: 2,
        kind: 'change',
        criterion_code: '1.1',
        title: 'Sửa cách tính 1.1',
        rationale: 'Ban chỉ đạo đã kiện toàn.',
        proposed_text: 'Có: 20 điểm.',
      });
      expect(await screen.findByText('Đã gửi đề xuất số 13.')).toBeInTheDocument();
    },
  );

  it('offers a new indicator without one picked from the tree', { timeout: 120_000 }, async () => {
    const { requests } = proposalsApi(editorMe);
    renderApp('/proposals');
    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.click(await screen.findByRole('button', { name: /Gửi đề xuất/ }, FIRST_LOAD));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('Thêm chỉ số mới'));
    expect(within(dialog).getByText('Thuộc tiêu chí (không bắt buộc)')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Tiêu đề'), 'Chỉ số về dữ liệu mở');
    await user.type(within(dialog).getByLabelText('Lý do đề xuất'), 'Lý do');
    await user.type(within(dialog).getByLabelText('Nội dung đề xuất'), 'Nội dung');
    await user.click(within(dialog).getByRole('button', { name: 'Gửi đề xuất' }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/proposals'))).toBe(true),
    );
    const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/proposals'));
    expect(await sent?.json()).toMatchObject({ kind: 'new', criterion_code: null });
  });
});

describe("DIC's triage of the proposals", () => {
  it(
    'accepts a proposal into a draft, shows a refusal where it happened, and exports',
    { timeout: 120_000 },
    async () => {
      const { requests } = proposalsApi(evaluatorMe);
      renderApp('/proposals');
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Đề xuất của đơn vị' }, FIRST_LOAD),
      ).toBeInTheDocument();
      expect(await screen.findByText('1 đề xuất')).toBeInTheDocument();
      const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
      await user.click(screen.getByRole('button', { name: 'Tính cả cuộc họp trực tuyến' }));

      const drawer = await screen.findByRole('dialog');
      expect(await within(drawer).findByText('Đề xuất số 12')).toBeInTheDocument();
      expect(
        within(drawer).getByText('Nhiều cuộc họp được tổ chức trực tuyến.'),
      ).toBeInTheDocument();
      expect(
        within(drawer).getByRole('button', { name: 'Tải xuống bien-ban.pdf' }),
      ).toBeInTheDocument();

      // Declining needs a reason the unit will read.
      await user.click(within(drawer).getByLabelText('Không tiếp nhận'));
      await user.click(within(drawer).getByRole('button', { name: 'Gửi trả lời' }));
      expect(await within(drawer).findByText('Vui lòng nêu lý do.')).toBeInTheDocument();

      // Accepting offers only the drafts.
      await user.click(within(drawer).getByLabelText('Tiếp nhận vào dự thảo'));
      await user.click(within(drawer).getByRole('combobox', { name: 'Bộ chỉ số dự thảo' }));
      expect(
        screen.queryByTitle('HCMC-DTI-2023 – Bộ chỉ số đánh giá chuyển đổi số TP.HCM 2023'),
      ).not.toBeInTheDocument();
      await user.click(await screen.findByTitle('HCMC-DTI-2024-DRAFT – Dự thảo bộ chỉ số 2024'));
      const code = within(drawer).getByRole('combobox', { name: 'Mã chỉ số trong dự thảo' });
      expect(code).toHaveValue('1.1');
      await user.clear(code);
      await user.type(code, '9.9');
      await user.click(within(drawer).getByRole('button', { name: 'Gửi trả lời' }));
      const alert = await within(drawer).findByText(
        'Bộ chỉ số HCMC-DTI-2023 không còn là dự thảo.',
      );
      expect(alert.closest('[role="alert"]')).not.toBeNull();

      await user.clear(code);
      await user.type(code, '1.1');
      await user.click(within(drawer).getByRole('button', { name: 'Gửi trả lời' }));
      expect(await screen.findByText('Đã trả lời đề xuất số 12.')).toBeInTheDocument();
      const triages = requests.filter((r) => r.url.endsWith('/proposals/12/triage'));
      expect(await triages[1]?.json()).toEqual({
        decision: 'accepted',
        target_framework_id: 7,
        target_criterion_code: '1.1',
      });
      // The waiting list is read again: nothing waits any more.
      expect(await screen.findByText('0 đề xuất')).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: /Xuất Excel/ }));
      await waitFor(() => expect(saveFile).toHaveBeenCalledWith(expect.anything(), 'de-xuat.xlsx'));
      const exported = requests.find((r) => r.url.includes('/proposals.xlsx'));
      expect(new URL(exported?.url ?? '').searchParams.get('status')).toBe('submitted');
    },
  );

  it('opens the proposal a link names, and filters by status', { timeout: 120_000 }, async () => {
    const { requests } = proposalsApi(evaluatorMe);
    renderApp('/proposals?id=12');
    const drawer = await screen.findByRole('dialog', {}, FIRST_LOAD);
    expect(await within(drawer).findByText('Đề xuất số 12')).toBeInTheDocument();
    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.click(within(drawer).getByRole('button', { name: 'Đóng' }));
    await user.click(screen.getByRole('combobox', { name: 'Trạng thái' }));
    await user.click(await screen.findByTitle('Mọi trạng thái'));
    expect(await screen.findByText('2 đề xuất')).toBeInTheDocument();
    const statuses = requests
      .filter((r) => new URL(r.url).pathname === '/api/v1/proposals')
      .map((r) => new URL(r.url).searchParams.get('status'));
    expect(statuses).toEqual(['submitted', null]);
  });
});
