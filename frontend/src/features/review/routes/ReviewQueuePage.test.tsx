import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Me, ReviewQueueItem } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { demoRound, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

const evaluatorMe: Me = {
  kind: 'user',
  username: 'evaluator',
  full_name: 'Trần Thị Bích Ngọc',
  roles: ['evaluator'],
  unit_code: null,
  unit_name_vi: null,
  must_change_password: false,
};

const q1: ReviewQueueItem = {
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  group: 'QH',
  status: 'returned',
  submitted_at: '2025-03-02T03:04:00Z',
  indicators: 40,
  accepted: 30,
  adjusted: 2,
  returned: 1,
  pending: 7,
  indicator_state: null,
};

describe('the review queue (Thẩm định)', () => {
  it('lists the units with where their review stands, and filters by status', async () => {
    startSignedIn();
    const { requests } = mockApi({
      'POST /api/v1/auth/refresh': json(tokenPair('1')),
      'GET /api/v1/auth/me': json(evaluatorMe),
      'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
      'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
      'GET /api/v1/rounds/1/review-queue': json({ items: [q1], total: 1, limit: 200, offset: 0 }),
    });
    renderApp('/review');
    expect(await screen.findByRole('heading', { level: 1, name: 'Thẩm định' })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'Q1 – Quận 1' });
    expect(link).toHaveAttribute('href', '/rounds/1/units/Q1/assessment');
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Được trả lại để bổ sung')).toBeInTheDocument();
    expect(
      within(row).getByText('chấp nhận 30 · điều chỉnh 2 · trả lại 1 · chưa xét 7'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Trạng thái' }));
    await userEvent.click(await screen.findByTitle('Được trả lại để bổ sung'));
    await waitFor(() =>
      expect(requests.some((r) => new URL(r.url).searchParams.get('status') === 'returned')).toBe(
        true,
      ),
    );
  });

  it('is not offered to a unit', async () => {
    startSignedIn();
    mockApi({
      'POST /api/v1/auth/refresh': json(tokenPair('1')),
      'GET /api/v1/auth/me': json({
        ...evaluatorMe,
        roles: ['unit_editor'],
        unit_code: 'Q1',
        unit_name_vi: 'Quận 1',
      }),
      'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
      'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    });
    renderApp('/review');
    expect(await screen.findByText(/không có quyền|not allowed/i)).toBeInTheDocument();
  });
});
