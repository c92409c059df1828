import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';

import type { ImportReport } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';

import { ImportProgress } from './ImportProgress';

/** A large sheet, a quarter checked in the background. */
const running: ImportReport = {
  report_id: 9,
  round_id: 1,
  status: 'running',
  dry_run: false,
  format: 'xlsx',
  actor: 'cuc-thue.staff',
  actor_kind: 'user',
  counts: { received: 20000, applied: 0, unchanged: 0, rejected: 0 },
  errors: [],
  errors_total: 0,
  error_kinds: [],
  progress: { done: 5000, total: 20000 },
  cancel_requested: false,
  created_at: '2025-01-12T03:00:00Z',
  finished_at: null,
  replayed: false,
};

function Providers({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
}

describe('a background import’s progress', () => {
  it('shows the rows checked and cancels the import', async () => {
    const { requests } = mockApi({
      'POST /api/v1/ingest/reports/9/cancel': json({ ...running, cancel_requested: true }),
    });
    render(
      <Providers>
        <ImportProgress report={running} />
      </Providers>,
    );
    expect(screen.getByText('Đã kiểm tra 5000/20000 dòng')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Tiến độ xử lý lần nhập 9' })).toHaveAttribute(
      'aria-valuenow',
      '25',
    );
    screen.getByRole('button', { name: /Hủy/ }).click();
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/reports/9/cancel'))).toBe(
        true,
      ),
    );
  });

  it('says a queued import waits, and one being cancelled is', () => {
    mockApi({});
    render(
      <Providers>
        <ImportProgress report={{ ...running, status: 'queued', cancel_requested: true }} />
      </Providers>,
    );
    expect(screen.getByText('Đang chờ xử lý 20000 dòng…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Đang hủy/ })).toBeDisabled();
  });
});
