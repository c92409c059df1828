import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, framework, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { FrameworkImportReport } from './api';

const viewerMe = { ...adminMe, username: 'viewer', roles: ['viewer' as const] };
// The page and the framework page load lazily: the first render may take a while on a busy machine.
const LOAD = { timeout: 20_000 };
const SLOW = 120_000;

const summary = {
  code: 'HCMC-DTI-2024',
  title_vi: 'Bộ chỉ số 2024',
  title_en: 'Index 2024',
  year: 2024,
  groups: ['SBN', 'QH'],
  element_count: 61,
  criteria_count: 57,
  indicator_count: 47,
  max_points_by_group: { SBN: '1015', QH: '1015' },
};

// The fields the diff adds for the editor's side-by-side view (none of them matter here).
const DIFF_EXTRAS = {
  name_en: '',
  max_points_by_group: [],
  points_changed: false,
  rule_changed: false,
  rule_before: null,
  rule_after: null,
};

const rejected: FrameworkImportReport = {
  status: 'rejected',
  dry_run: true,
  summary: null,
  diff: null,
  errors: [
    {
      sheet: 'framework',
      row: 2,
      field: 'code',
      code: 'framework.code_taken',
      message: 'Mã bộ chỉ số HCMC-DTI-2023 đã tồn tại.',
    },
    {
      sheet: 'criteria',
      row: 5,
      field: 'max_points',
      code: 'framework_excel.not_number',
      message: '«mười» không phải là số.',
    },
  ],
  error_count: 2,
  framework_id: null,
};

const validated: FrameworkImportReport = {
  status: 'validated',
  dry_run: true,
  summary,
  diff: {
    base_id: 2,
    base_code: 'HCMC-DTI-2023',
    metadata: [{ field: 'code', before: 'HCMC-DTI-2023', after: 'HCMC-DTI-2024' }],
    criteria: [
      {
        code: '1.1',
        change: 'changed',
        name_vi: 'Vị trí Trưởng Ban chỉ đạo',
        fields: [{ field: 'max_points', before: '20', after: '25' }],
        ...DIFF_EXTRAS,
      },
      { code: '1.9', change: 'added', name_vi: 'Trợ lý ảo', fields: [], ...DIFF_EXTRAS },
    ],
    elements: [
      { code: 'E-1.9', change: 'added', name_vi: 'Có trợ lý ảo', fields: [], ...DIFF_EXTRAS },
    ],
  },
  errors: [],
  error_count: 0,
  framework_id: null,
};

const applied: FrameworkImportReport = {
  ...validated,
  status: 'applied',
  dry_run: false,
  framework_id: 7,
};

/** XMLHttpRequest as the upload sees it: each workbook answered at once with the next report. */
class SheetXhr {
  static replies: FrameworkImportReport[] = [];
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
    SheetXhr.sent.push({ url: this.url, body });
    this.status = 200;
    this.responseText = JSON.stringify(SheetXhr.replies.shift());
    queueMicrotask(() => this.onload?.());
  }
}

function workbook(name: string): File {
  return new File(['PK'], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

function api(me = adminMe) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json([]),
    'GET /api/v1/frameworks': json({ items: [framework], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/frameworks/2/criteria': json([]),
    'GET /api/v1/frameworks/2/elements': json([]),
    'GET /api/v1/frameworks/7/criteria': json([]),
    'GET /api/v1/frameworks/7/elements': json([]),
  });
}

describe('importing a framework from Excel', () => {
  it(
    'previews row errors, then the summary and diff, and opens the new draft',
    async () => {
      vi.stubGlobal('XMLHttpRequest', SheetXhr);
      SheetXhr.sent = [];
      SheetXhr.replies = [rejected, validated, applied];
      api();
      const { router } = renderApp('/frameworks/import');
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Nhập bộ chỉ số từ Excel' }, LOAD),
      ).toBeInTheDocument();
      const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
      const input = document.querySelector<HTMLInputElement>('input[type="file"]');
      expect(input).not.toBeNull();

      await user.upload(input as HTMLInputElement, workbook('bo-chi-so.xlsx'));
      expect(await screen.findByText('bo-chi-so.xlsx: 2 lỗi.')).toBeInTheDocument();
      const errors = document.querySelector<HTMLElement>('.row-errors') as HTMLElement;
      expect(
        within(errors).getByText('Mã bộ chỉ số HCMC-DTI-2023 đã tồn tại.'),
      ).toBeInTheDocument();
      expect(within(errors).getByText('«mười» không phải là số.')).toBeInTheDocument();
      expect(within(errors).getByText('max_points')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Tạo bản dự thảo' })).not.toBeInTheDocument();
      expect(SheetXhr.sent[0]?.url).toBe(
        'http://localhost:3000/api/v1/frameworks/import.xlsx?dry_run=true',
      );
      expect(SheetXhr.sent[0]?.body.get('file')).toBeInstanceOf(File);
      expect(SheetXhr.sent[0]?.body.get('code')).toBeNull();

      // A new code, then the same file checked again.
      await user.type(screen.getByLabelText('Mã phiên bản mới'), 'HCMC-DTI-2024');
      await user.click(screen.getByRole('button', { name: 'Kiểm tra lại' }));
      expect(
        await screen.findByText('bo-chi-so.xlsx: không có lỗi, sẵn sàng tạo bản dự thảo.'),
      ).toBeInTheDocument();
      expect(SheetXhr.sent[1]?.body.get('code')).toBe('HCMC-DTI-2024');
      expect(screen.getAllByText('1015')).toHaveLength(2); // max points of SBN and QH
      expect(
        screen.getByText('57 tiêu chí, 47 chỉ số lá, 61 chỉ tiêu số liệu'),
      ).toBeInTheDocument();
      const changes = screen.getByRole('region', { name: 'Thay đổi so với HCMC-DTI-2023' });
      expect(within(changes).getByText('max_points: 20 → 25')).toBeInTheDocument();
      expect(within(changes).getByText('Trợ lý ảo')).toBeInTheDocument();
      expect(within(changes).getAllByText('Thêm')).toHaveLength(2);

      await user.click(screen.getByRole('button', { name: 'Tạo bản dự thảo' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/frameworks/7'));
      expect(SheetXhr.sent[2]?.url).toMatch(/\/api\/v1\/frameworks\/import\.xlsx\?dry_run=false$/);
      expect(SheetXhr.sent[2]?.body.get('code')).toBe('HCMC-DTI-2024');
    },
    SLOW,
  );

  it(
    'compares with the version picked from the list',
    async () => {
      vi.stubGlobal('XMLHttpRequest', SheetXhr);
      SheetXhr.sent = [];
      SheetXhr.replies = [validated];
      api();
      renderApp('/frameworks/import');
      await screen.findByRole('heading', { level: 1, name: 'Nhập bộ chỉ số từ Excel' }, LOAD);
      const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
      await user.click(screen.getByLabelText('So sánh với phiên bản'));
      await user.click(
        await screen.findByText('HCMC-DTI-2023 – Bộ chỉ số đánh giá chuyển đổi số TP.HCM 2023', {
          selector: '.ant-select-item-option-content',
        }),
      );
      const input = document.querySelector<HTMLInputElement>('input[type="file"]');
      await user.upload(input as HTMLInputElement, workbook('bo-chi-so.xlsx'));
      await waitFor(() => expect(SheetXhr.sent).toHaveLength(1));
      expect(SheetXhr.sent[0]?.url).toMatch(/dry_run=true&base_id=2$/);
    },
    SLOW,
  );

  it(
    'refuses a file that is not .xlsx without sending it',
    async () => {
      vi.stubGlobal('XMLHttpRequest', SheetXhr);
      SheetXhr.sent = [];
      api();
      renderApp('/frameworks/import');
      await screen.findByRole('heading', { level: 1, name: 'Nhập bộ chỉ số từ Excel' }, LOAD);
      const input = document.querySelector<HTMLInputElement>('input[type="file"]');
      const user = userEvent.setup({
        pointerEventsCheck: PointerEventsCheckLevel.Never,
        applyAccept: false,
      });
      await user.upload(input as HTMLInputElement, new File(['a'], 'bo-chi-so.csv'));
      expect(await screen.findByText('Chỉ nhận tệp Excel (.xlsx).')).toBeInTheDocument();
      expect(SheetXhr.sent).toEqual([]);
    },
    SLOW,
  );

  it(
    'shows the export to everyone and the import link to admins only',
    async () => {
      api(viewerMe);
      renderApp('/frameworks/2');
      expect(await screen.findByRole('button', { name: /Xuất Excel/ }, LOAD)).toBeInTheDocument();
      expect(screen.queryByRole('link', { name: /Nhập từ Excel/ })).not.toBeInTheDocument();
    },
    SLOW,
  );
});
