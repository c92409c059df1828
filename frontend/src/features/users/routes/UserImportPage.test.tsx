import { screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { UserImportReport } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

const rejected: UserImportReport = {
  dry_run: true,
  status: 'rejected',
  rows: 3,
  created: 0,
  error_count: 1,
  errors: [
    {
      row: 4,
      field: 'email',
      value: 'not-an-email',
      code: 'user_import.email_invalid',
      message: 'Địa chỉ e-mail không hợp lệ.',
    },
  ],
  accounts: [],
};
const account = {
  row: 2,
  username: 'p1.editor',
  full_name: 'Trần Văn An',
  email: null,
  roles: ['unit_editor' as const],
  unit_code: 'Q3',
  temporary_password: null,
  password_expires_at: null,
};
const validated: UserImportReport = {
  ...rejected,
  status: 'validated',
  rows: 1,
  error_count: 0,
  errors: [],
  accounts: [account],
};
const applied: UserImportReport = {
  ...validated,
  dry_run: false,
  status: 'applied',
  created: 1,
  accounts: [
    {
      ...account,
      temporary_password: 'abcd-efgh-jkmn-pqrs',
      password_expires_at: '2025-01-17T02:00:00Z',
    },
  ],
};

/** XMLHttpRequest as the upload sees it: each sheet answered at once with the next report. */
class SheetXhr {
  static replies: UserImportReport[] = [];
  static sent: string[] = [];
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
  send() {
    SheetXhr.sent.push(this.url);
    this.status = 200;
    this.responseText = JSON.stringify(SheetXhr.replies.shift());
    queueMicrotask(() => this.onload?.());
  }
}

function sheet(name: string): File {
  return new File(['PK'], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

describe('importing users from Excel', () => {
  it('shows the dry run’s row errors, then applies a fixed file and shows the passwords', async () => {
    vi.stubGlobal('XMLHttpRequest', SheetXhr);
    SheetXhr.sent = [];
    SheetXhr.replies = [rejected, validated, applied];
    startSignedIn();
    mockApi({
      'POST /api/v1/auth/refresh': json(tokenPair('1')),
      'GET /api/v1/auth/me': json(adminMe),
      'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    });
    renderApp('/users/import');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Nhập người dùng từ Excel' }),
    ).toBeInTheDocument();
    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    expect(input).not.toBeNull();

    await user.upload(input as HTMLInputElement, sheet('tai-khoan.xlsx'));
    expect(
      await screen.findByText(
        'tai-khoan.xlsx: 1 lỗi. Sửa tệp rồi tải lên lại; chưa có tài khoản nào được tạo.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Địa chỉ e-mail không hợp lệ.')).toBeInTheDocument();
    expect(screen.getByText('not-an-email')).toBeInTheDocument();
    expect(screen.queryByText(/Nhập \d+ tài khoản/)).not.toBeInTheDocument();
    expect(SheetXhr.sent).toEqual(['http://localhost:3000/api/v1/user-imports?dry_run=true']);

    // The upload makes a new file input after each file.
    const again = document.querySelector<HTMLInputElement>('input[type="file"]');
    await user.upload(again as HTMLInputElement, sheet('tai-khoan-sua.xlsx'));
    await waitFor(() => expect(SheetXhr.sent).toHaveLength(2));
    expect(
      await screen.findByText('tai-khoan-sua.xlsx: 1 tài khoản hợp lệ, sẵn sàng nhập.'),
    ).toBeInTheDocument();
    await user.click(screen.getByText('Nhập 1 tài khoản'));
    expect(await screen.findByText('Đã tạo 1 tài khoản.')).toBeInTheDocument();
    expect(screen.getByText('abcd-efgh-jkmn-pqrs')).toBeInTheDocument();
    expect(SheetXhr.sent.at(-1)).toMatch(/\/api\/v1\/user-imports\?dry_run=false$/);
  });

  it('refuses a file that is not .xlsx without sending it', async () => {
    vi.stubGlobal('XMLHttpRequest', SheetXhr);
    SheetXhr.sent = [];
    startSignedIn();
    mockApi({
      'POST /api/v1/auth/refresh': json(tokenPair('1')),
      'GET /api/v1/auth/me': json(adminMe),
      'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    });
    renderApp('/users/import');
    await screen.findByText('Tải mẫu Excel');
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    const user = userEvent.setup({
      pointerEventsCheck: PointerEventsCheckLevel.Never,
      applyAccept: false,
    });
    await user.upload(input as HTMLInputElement, new File(['a,b'], 'tai-khoan.csv'));
    await waitFor(() =>
      expect(screen.getByText('Chỉ nhận tệp Excel (.xlsx).')).toBeInTheDocument(),
    );
    expect(SheetXhr.sent).toEqual([]);
  });
});
