import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Round } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { UnitDeadline } from '../api/admin-rounds';

const round: Round = {
  ...demoRound,
  id: 7,
  year: 2027,
  title_vi: 'Kỳ 2027',
  title_en: '2027 round',
  phase: 'collecting',
  schedule: {
    collecting: {
      starts_at: '2027-04-01T01:00:00Z',
      ends_at: '2027-11-30T10:00:00Z',
      starts_on: '2027-04-01',
      ends_on: '2027-11-30',
    },
  },
};

const q1: UnitDeadline = {
  unit_code: 'Q1',
  name_vi: 'Quận 1',
  name_en: 'District 1',
  group: 'QH',
  round_deadline: '2027-11-30T10:00:00Z',
  extended_until: null,
  deadline: '2027-11-30T10:00:00Z',
  reason: null,
  set_by: null,
  set_at: null,
};

function api() {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(adminMe),
    'GET /api/v1/rounds': json({ items: [round], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/rounds/7': json(round),
    'GET /api/v1/rounds/7/units': json([
      { unit_code: 'Q1', name_vi: 'Quận 1', name_en: 'District 1', kind: 'district', group: 'QH' },
    ]),
    'GET /api/v1/rounds/7/deadlines': json([q1]),
    'PUT /api/v1/rounds/7/units/Q1/deadline': async (request) => {
      const body = (await request.json()) as { deadline_at: string; reason: string };
      return json({ ...q1, extended_until: body.deadline_at, deadline: body.deadline_at });
    },
    'PATCH /api/v1/rounds/7': async (request) => json({ ...round, ...(await request.json()) }),
  });
}

describe('round settings', () => {
  it('shows the schedule in city time and sends it back in UTC', async () => {
    const { requests } = api();
    renderApp('/round-setup/7');
    // Each phase is a fieldset named by its legend (found by text: role queries are slow here).
    const phase = async (name: string) => {
      const legend = await screen.findByText(name, { selector: 'legend' });
      const fieldset = legend.closest('fieldset');
      if (!fieldset) throw new Error(`no fieldset ${name}`);
      return fieldset;
    };
    const collecting = await phase('Thu thập số liệu');
    const start = within(collecting).getByLabelText('Bắt đầu');
    expect(start).toHaveValue('2027-04-01T08:00');
    expect(within(collecting).getByLabelText('Kết thúc')).toHaveValue('2027-11-30T17:00');
    const reviewing = await phase('Thẩm định');
    fireEvent.change(within(reviewing).getByLabelText('Bắt đầu'), {
      target: { value: '2027-11-30T16:00' },
    });
    expect(
      await screen.findByText(/Không được bắt đầu trước khi giai đoạn Thu thập số liệu kết thúc/),
    ).toHaveTextContent('(30/11/2027 17:00)');
    const save = screen.getByText('Lưu lịch').closest('button');
    expect(save).toBeDisabled();
    fireEvent.change(within(reviewing).getByLabelText('Bắt đầu'), {
      target: { value: '2027-12-01T00:00' },
    });
    await waitFor(() => expect(save).toBeEnabled());
    fireEvent.click(save as HTMLButtonElement);
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(await patch?.json()).toEqual({
      schedule: {
        collecting: { starts_at: '2027-04-01T01:00:00Z', ends_at: '2027-11-30T10:00:00Z' },
        reviewing: { starts_at: '2027-11-30T17:00:00Z', ends_at: null },
      },
    });
  });

  it("extends a unit's deadline entered in city time, with a reason", async () => {
    const { requests } = api();
    renderApp('/round-setup/7');
    // Label and text queries: role queries over this long page are slow in jsdom.
    fireEvent.click(await screen.findByLabelText('Gia hạn cho Q1'));
    const title = await screen.findByText('Gia hạn cho Quận 1 (Q1)');
    const dialog = title.closest<HTMLElement>('.ant-modal') ?? document.body;
    // In the dialog (jsdom runs no animation, so it stays "hidden" by its opacity).
    expect(
      within(dialog).getByText('Hạn hiện tại: 30/11/2027 17:00 (giờ TP.HCM).'),
    ).toBeInTheDocument();
    const save = within(dialog).getByText('Lưu gia hạn').closest('button');
    if (!save) throw new Error('no save button');
    fireEvent.change(within(dialog).getByLabelText('Hạn mới (giờ TP.HCM)'), {
      target: { value: '2027-12-05T17:00' },
    });
    expect(save).toBeDisabled(); // no reason yet
    fireEvent.change(within(dialog).getByLabelText('Lý do'), { target: { value: 'Sáp nhập' } });
    await waitFor(() => expect(save).toBeEnabled());
    fireEvent.click(save);
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put?.json()).toEqual({ deadline_at: '2027-12-05T10:00:00Z', reason: 'Sáp nhập' });
    expect(await screen.findByText('Đã gia hạn cho Q1 đến 05/12/2027 17:00.')).toBeInTheDocument();
  });
});
