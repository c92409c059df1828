import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { ImportReport, Me } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, editorMe, providerUnit, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import { sheetType } from '../api/imports';

const staffMe: Me = {
  kind: 'user',
  username: 'cuc-thue.staff',
  full_name: 'Ngô Thị Kim Oanh',
  roles: ['provider'],
  unit_code: 'CUC-THUE',
  unit_name_vi: 'Cục Thuế Thành phố',
  must_change_password: false,
};

const rejected: ImportReport = {
  report_id: 7,
  round_id: 1,
  status: 'rejected',
  dry_run: true,
  format: 'xlsx',
  actor: 'cuc-thue.staff',
  actor_kind: 'user',
  counts: { received: 3, applied: 0, unchanged: 0, rejected: 1 },
  errors: [
    {
      row: 3,
      field: 'value',
      message: 'Không được nhỏ hơn 0.',
      unit_code: 'Q3',
      element_code: 'E-8.1-a',
      value: '-1',
    },
  ],
  errors_total: 1500,
  error_kinds: [
    { code: 'value.min', count: 1200, example: 'Không được nhỏ hơn 0.' },
    {
      code: 'ingest.unknown_unit',
      count: 300,
      example: 'Đơn vị X không tham gia kỳ đánh giá này.',
    },
  ],
  progress: { done: 3, total: 3 },
  cancel_requested: false,
  created_at: '2025-01-12T03:00:00Z',
  finished_at: '2025-01-12T03:00:01Z',
  replayed: false,
};

const applied: ImportReport = {
  ...rejected,
  report_id: 8,
  status: 'applied',
  dry_run: false,
  counts: { received: 3, applied: 3, unchanged: 0, rejected: 0 },
  errors: [],
  errors_total: 0,
  error_kinds: [],
};

function importsApi(me: Me, round = demoRound, history: ImportReport[] = [applied, rejected]) {
  startSignedIn();
  return mockApi({
    'GET /api/v1/ingest/reports/7/errors': json({
      items: rejected.errors,
      total: 1000,
      limit: 20,
      offset: 0,
    }),
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [round], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/units': json({ items: [providerUnit], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/ingest/reports': json({
      items: history,
      total: history.length,
      limit: 10,
      offset: 0,
    }),
  });
}

describe('the import page (Nhập số liệu)', () => {
  it('lets an agency’s staff reach it and read its past imports, errors included', async () => {
    importsApi(staffMe);
    renderApp('/imports');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Nhập số liệu' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Nhập số liệu/ })).toBeInTheDocument();
    // The agency downloads its own template: no choice of agency.
    expect(screen.getByRole('button', { name: /Tải mẫu Excel/ })).toBeInTheDocument();
    expect(
      screen.queryByRole('combobox', { name: 'Cơ quan cung cấp số liệu' }),
    ).not.toBeInTheDocument();

    expect(await screen.findByText('Bị từ chối')).toBeInTheDocument();
    expect(screen.getByText('Đã áp dụng')).toBeInTheDocument();
    expect(screen.getByText('3 dòng · cập nhật 0 · không đổi 0 · lỗi 1')).toBeInTheDocument();

    const row = screen.getByText('Bị từ chối').closest('tr');
    expect(row).not.toBeNull();
    await userEvent.click(within(row as HTMLElement).getByRole('button'));
    const errors = await screen.findByText('Các dòng có lỗi của lần nhập 7');
    const errorTable = errors.closest('.row-errors') as HTMLElement;
    expect(within(errorTable).getByText('Q3')).toBeInTheDocument();
    expect(within(errorTable).getByText('-1')).toBeInTheDocument();
    expect(within(errorTable).getByText(/Không được nhỏ hơn 0\./)).toBeInTheDocument();
    // Counted by kind over the whole batch; the server keeps the first 1,000 rows' errors.
    expect(screen.getByText('1500 lỗi trong cả lô')).toBeInTheDocument();
    const kinds = screen.getByRole('list', { name: 'Số lỗi theo loại' });
    expect(within(kinds).getByText('1200 lỗi')).toBeInTheDocument();
    expect(within(kinds).getByText(/ví dụ: Đơn vị X không tham gia/)).toBeInTheDocument();
    expect(
      screen.getByText('Hệ thống lưu 1000 lỗi đầu tiên trong tổng số 1500.'),
    ).toBeInTheDocument();
  });

  it('gives DIC the choice of agency for the template', async () => {
    importsApi(adminMe);
    renderApp('/imports');
    expect(
      await screen.findByRole('combobox', { name: 'Cơ quan cung cấp số liệu' }),
    ).toBeInTheDocument();
  });

  it('takes no file while the round is not collecting', async () => {
    importsApi(staffMe, { ...demoRound, phase: 'reviewing', next_phases: [] });
    renderApp('/imports');
    expect(
      await screen.findByText(
        'Kỳ đánh giá đang ở giai đoạn «Thẩm định»: chỉ nhận số liệu khi đang thu thập.',
      ),
    ).toBeInTheDocument();
    const input = document.querySelector('input[type="file"]');
    expect(input).toBeDisabled();
  });

  it('is not offered to a unit’s editor', async () => {
    importsApi(editorMe);
    renderApp('/');
    await waitFor(() =>
      expect(screen.getByRole('link', { name: /Tự đánh giá/ })).toBeInTheDocument(),
    );
    expect(screen.queryByRole('link', { name: /Nhập số liệu/ })).not.toBeInTheDocument();
  });
});

describe('sheetType', () => {
  it('reads CSV and Excel by the file name, and nothing else', () => {
    expect(sheetType({ name: 'so-lieu.CSV' })).toBe('text/csv');
    expect(sheetType({ name: 'mau.xlsx' })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sheetType({ name: 'mau.xls' })).toBeNull();
  });
});
