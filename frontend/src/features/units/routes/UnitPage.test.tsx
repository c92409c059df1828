import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Unit } from '@/api/types';
import { json, mockApi, problem } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair, unitGroups } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

// The first render loads the lazy page and its chunks: slow on a busy machine.
const SLOW = 5000;

const ward = (code: string, name: string, extra: Partial<Unit> = {}): Unit => ({
  code,
  name_vi: name,
  name_en: `${code} Ward`,
  kind: 'ward',
  groups: ['QH'],
  parent_code: null,
  valid_from: null,
  valid_to: null,
  predecessors: [],
  is_provider: false,
  unverified: false,
  ...extra,
});

const saiGon = ward('P-SAI-GON', 'Phường Sài Gòn', {
  valid_from: '2025-07-01',
  predecessors: ['P-BEN-NGHE', 'P-DA-KAO'],
});

function api(me = adminMe) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/units/P-SAI-GON': json(saiGon),
    'GET /api/v1/units/P-SAI-GON/history': json({
      unit: saiGon,
      ancestors: [
        ward('P-BEN-NGHE', 'Phường Bến Nghé', { valid_to: '2025-06-30' }),
        ward('P-DA-KAO', 'Phường Đa Kao'),
      ],
      successors: [],
      descendants: [],
      links: [
        {
          predecessor_code: 'P-BEN-NGHE',
          successor_code: 'P-SAI-GON',
          share: 'whole',
          effective_on: '2025-07-01',
        },
        {
          predecessor_code: 'P-DA-KAO',
          successor_code: 'P-SAI-GON',
          share: 'part',
          effective_on: '2025-07-01',
        },
      ],
    }),
    'POST /api/v1/units/P-SAI-GON/close': async (request) => {
      const body = (await request.json()) as { valid_to: string; confirm_rounds: boolean };
      if (!body.confirm_rounds)
        return problem(409, 'Đơn vị P-SAI-GON đang tham gia kỳ đánh giá…', {
          code: 'unit.close_in_round',
          rounds: [{ id: 1, title_vi: 'Kỳ 2023', title_en: '2023 round', phase: 'collecting' }],
          unit_codes: ['P-SAI-GON'],
        });
      return json({ ...saiGon, valid_to: body.valid_to });
    },
  });
}

describe('unit page', () => {
  it('draws the lineage with a text alternative', async () => {
    api();
    renderApp('/units/P-SAI-GON');
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'Phường Sài Gòn (P-SAI-GON)' },
        { timeout: SLOW },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: 'Sơ đồ các đơn vị tiền thân và kế thừa của Phường Sài Gòn (P-SAI-GON)',
      }),
    ).toBeInTheDocument();
    const item = screen.getByText(/P-SAI-GON\) nhận/, { selector: 'ol.lineage-events > li' });
    expect(item).toHaveTextContent(
      '01/07/2025: Phường Sài Gòn (P-SAI-GON) nhận Phường Bến Nghé (P-BEN-NGHE) (toàn bộ), Phường Đa Kao (P-DA-KAO) (một phần)',
    );
    expect(screen.getByRole('link', { name: 'Phường Bến Nghé (P-BEN-NGHE)' })).toHaveAttribute(
      'href',
      '/units/P-BEN-NGHE',
    );
  });

  it('closes a unit of a collecting round only once the admin confirms', async () => {
    const { requests } = api();
    renderApp('/units/P-SAI-GON');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Đóng' }, { timeout: SLOW }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Ngày cuối cùng có hiệu lực'), '2026-12-31');
    await user.click(within(dialog).getByRole('button', { name: 'Đóng đơn vị' }));
    expect(
      await within(dialog).findByText(
        'Đơn vị đang tham gia kỳ đánh giá đang chuẩn bị hoặc đang thu thập số liệu',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Kỳ 2023 – giai đoạn «Thu thập số liệu»')).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', { name: 'Xác nhận và đóng' });
    expect(confirm).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Tôi hiểu và vẫn muốn đóng' }));
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const closes = requests.filter((request) => request.url.endsWith('/close'));
    expect(closes).toHaveLength(2);
    expect(await closes[1]?.json()).toEqual({ valid_to: '2026-12-31', confirm_rounds: true });
  });

  it('offers no administration to other roles', async () => {
    api({ ...adminMe, username: 'viewer', roles: ['viewer'] });
    renderApp('/units/P-SAI-GON');
    await screen.findByRole(
      'heading',
      { level: 1, name: 'Phường Sài Gòn (P-SAI-GON)' },
      { timeout: SLOW },
    );
    expect(screen.queryByRole('button', { name: 'Đóng' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sửa' })).not.toBeInTheDocument();
  });
});
