import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { components } from '@/api/schema';
import type { Me } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';
import { adminMe, demoRound, tokenPair, unitGroups } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

type UnitProgress = components['schemas']['UnitProgress'];

const evaluatorMe: Me = {
  ...adminMe,
  username: 'evaluator',
  full_name: 'Lê Minh Khoa',
  roles: ['evaluator'],
};
const viewerMe: Me = { ...adminMe, username: 'viewer', roles: ['viewer'] };

const row = (code: string, name: string, overrides: Partial<UnitProgress> = {}): UnitProgress => ({
  unit_code: code,
  unit_name_vi: name,
  group: 'QH',
  status: 'not_started',
  indicators: 20,
  answered: 4,
  answered_pct: '20.00',
  evidence_needed: 0,
  evidence_done: 0,
  evidence_pct: '100.00',
  returned: 0,
  last_activity: null,
  deadline: '2025-03-10',
  deadline_at: '2025-03-10T16:59:59Z',
  extended_until: null,
  overdue: true,
  complete: false,
  ...overrides,
});

const units = [
  row('Q1', 'Quận 1'),
  row('H-CC', 'Huyện Củ Chi', { answered: 0, answered_pct: '0.00' }),
  row('Q3', 'Quận 3', { status: 'submitted', overdue: false, deadline: null, complete: true }),
];

const template = {
  id: 1,
  name: 'Đôn đốc nộp bài tự đánh giá',
  subject_vi: 'Đôn đốc kỳ «{round}»',
  subject_en: 'Reminder: «{round}»',
  body_vi: '{unit} còn {answers_left} chỉ số, trễ {days_late} ngày.',
  body_en: '{unit} has {answers_left} indicators left.',
  updated_by: 'system',
  updated_at: '2025-01-01T00:00:00Z',
};

function urgingApi(me: Me) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(me),
    'GET /api/v1/rounds': json({ items: [demoRound], total: 1, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/notifications': json({ items: [], total: 0, unread: 0, limit: 10, offset: 0 }),
    'GET /api/v1/rounds/1/progress': json({
      round_id: 1,
      as_of: '2025-03-15',
      groups: [
        { group: 'QH', units: 3, submitted: 1, accepted: 0, overdue: 2, answered_pct: '40.00' },
      ],
      units,
    }),
    'GET /api/v1/urge-templates': json([template]),
    'PATCH /api/v1/urge-templates/1': async (request) =>
      json({ ...template, ...((await request.json()) as object) }),
    'POST /api/v1/rounds/1/urgings': json(
      {
        round_id: 1,
        units: [
          { unit_code: 'Q1', urging_id: 1, recipients: 2 },
          { unit_code: 'H-CC', urging_id: 2, recipients: 1 },
        ],
        notifications: 3,
        emails: 3,
      },
      201,
    ),
  });
}

describe('urging from the progress page', () => {
  it('picks the late units, previews the template per unit, and sends it', async () => {
    const { requests } = urgingApi(evaluatorMe);
    renderApp('/progress');
    await screen.findByText('Quận 1', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    const urge = screen.getByRole('button', { name: /Đôn đốc \(0\)/ });
    expect(urge).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Chọn đơn vị quá hạn (2)' }));
    expect(screen.getByRole('checkbox', { name: 'Chọn Q1' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Chọn H-CC' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Chọn Q3' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: /Đôn đốc \(2\)/ }));

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Đôn đốc 2 đơn vị')).toBeInTheDocument();
    const vi = await within(dialog).findByTestId('urge-preview-vi');
    expect(vi).toHaveTextContent(`Đôn đốc kỳ «${demoRound.title_vi}»`);
    expect(vi).toHaveTextContent('Quận 1 còn 16 chỉ số, trễ 5 ngày.');
    expect(within(dialog).getByTestId('urge-preview-en')).toHaveTextContent(
      'Quận 1 has 16 indicators left.',
    );

    // Edited: the preview follows; an unknown placeholder is named and blocks sending.
    const body = within(dialog).getByLabelText('Nội dung (tiếng Việt)');
    await user.clear(body);
    await user.type(body, 'Kính gửi {{don_vi}'); // user-event: {{ types one {
    expect(
      await within(dialog).findByText('Không có trường thay thế «don_vi».'),
    ).toBeInTheDocument();
    const send = within(dialog).getByRole('button', { name: 'Gửi đôn đốc' });
    expect(send).toBeDisabled();
    await user.clear(body);
    await user.type(body, 'Kính gửi {{unit}, còn {{answers_left}.');
    expect(within(dialog).getByTestId('urge-preview-vi')).toHaveTextContent(
      'Kính gửi Quận 1, còn 16.',
    );
    // The other unit's preview.
    await user.click(within(dialog).getByRole('combobox', { name: 'Xem trước cho đơn vị' }));
    await user.click(await screen.findByTitle('H-CC – Huyện Củ Chi'));
    expect(within(dialog).getByTestId('urge-preview-vi')).toHaveTextContent(
      'Kính gửi Huyện Củ Chi, còn 20.',
    );

    await user.click(send);
    expect(
      await screen.findByText(/Đã gửi đôn đốc tới 2 đơn vị \(3 người nhận/),
    ).toBeInTheDocument();
    const sent = requests.find((request) => request.url.endsWith('/rounds/1/urgings'));
    expect(await sent?.json()).toEqual({
      subject_vi: template.subject_vi,
      subject_en: template.subject_en,
      body_vi: 'Kính gửi {unit}, còn {answers_left}.',
      body_en: template.body_en,
      unit_codes: ['Q1', 'H-CC'],
      template_id: 1,
    });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Đôn đốc \(0\)/ })).toBeDisabled(),
    );
  });

  it('saves edited texts into the template', async () => {
    const { requests } = urgingApi(evaluatorMe);
    renderApp('/progress');
    await screen.findByText('Quận 1', {}, { timeout: 10_000 });
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Chọn Q1' }));
    await user.click(screen.getByRole('button', { name: /Đôn đốc \(1\)/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Đôn đốc 1 đơn vị')).toBeInTheDocument();
    const subject = await within(dialog).findByLabelText('Tiêu đề (tiếng Anh)');
    await user.clear(subject);
    await user.type(subject, 'Please submit');
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Lưu nội dung này vào mẫu «Đôn đốc nộp bài tự đánh giá»',
      }),
    );
    expect(await screen.findByText('Đã lưu mẫu.')).toBeInTheDocument();
    const saved = requests.find((request) => request.method === 'PATCH');
    expect(((await saved?.json()) as { subject_en: string }).subject_en).toBe('Please submit');
  });

  it('is not offered to read-only leadership', async () => {
    urgingApi(viewerMe);
    renderApp('/progress');
    await screen.findByText('Quận 1', {}, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: /Đôn đốc/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Chọn Q1' })).not.toBeInTheDocument();
  });
});
