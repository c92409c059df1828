import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Framework } from '@/api/types';
import { json, mockApi, problem } from '@/test/api-mock';
import { adminMe, framework, tokenPair, unitGroups } from '@/test/fixtures';
import { renderApp, startSignedIn } from '@/test/render';

import type { FrameworkDoc } from '../document';

const draft: Framework = {
  ...framework,
  id: 9,
  code: 'DRAFT-2026',
  status: 'draft',
  is_frozen: false,
  cloned_from_id: 2,
};

const document: FrameworkDoc = {
  code: 'DRAFT-2026',
  title_vi: 'Bản nháp',
  title_en: 'Draft',
  legal_basis: null,
  year: 2026,
  groups: ['SBN', 'QH'],
  elements: [
    {
      code: 'E-1.1',
      name_vi: 'Số cuộc họp',
      name_en: 'Meetings',
      value_type: 'integer',
      source: 'self',
    },
  ],
  criteria: [
    {
      code: '1',
      name_vi: 'Nhận thức số',
      name_en: 'Digital awareness',
      weight: '1',
      rule: { kind: 'sum_of_children' },
      not_applicable_when_missing: false,
      evidence_required: false,
      children: [
        {
          code: '1.1',
          name_vi: 'Số cuộc họp',
          name_en: 'Meetings',
          weight: '1',
          max_points: '20',
          inputs: [{ name: 'value', element_code: 'E-1.1' }],
          rule: {
            kind: 'bands',
            input: 'value',
            direction: 'higher_is_better',
            bands: [
              { threshold: '4', points: '20' },
              { threshold: '3', points: '15' },
            ],
          },
          not_applicable_when_missing: false,
          evidence_required: true,
          guidance: {},
          children: [],
        },
      ],
    },
  ],
};

function api(save: () => ReturnType<typeof json>) {
  startSignedIn();
  return mockApi({
    'POST /api/v1/auth/refresh': json(tokenPair('1')),
    'GET /api/v1/auth/me': json(adminMe),
    'GET /api/v1/rounds': json({ items: [], total: 0, limit: 100, offset: 0 }),
    'GET /api/v1/unit-groups': json(unitGroups),
    'GET /api/v1/units': json({ items: [], total: 0, limit: 200, offset: 0 }),
    'GET /api/v1/frameworks/9': { body: draft, headers: { ETag: '"framework-9-r3"' } },
    'GET /api/v1/frameworks/9/document': json(document),
    'POST /api/v1/frameworks/rule-preview': async (request) => {
      const body = (await request.json()) as { inputs: { value: string } };
      const points = body.inputs.value === '3' ? '15.00' : '20.00';
      return json({
        points,
        max_points: '20.00',
        applicable: true,
        outcome: 'scored',
        formula_vi: `x = ${body.inputs.value} → ${points} điểm`,
        formula_en: `x = ${body.inputs.value} → ${points} points`,
      });
    },
    'PUT /api/v1/frameworks/9': save,
  });
}

async function openCriterion() {
  renderApp('/frameworks/9/edit');
  expect(
    await screen.findByRole(
      'heading',
      { level: 1, name: 'Soạn thảo bộ chỉ số DRAFT-2026' },
      // The editor is its own chunk, loaded on demand.
      { timeout: 10_000 },
    ),
  ).toBeInTheDocument();
  fireEvent.click(screen.getByText('1.1', { selector: '.tree-node-title strong' }));
  return screen.findByLabelText('Tên (tiếng Anh)');
}

describe('framework editor page', () => {
  it('shows the worked example and saves with If-Match', async () => {
    const { requests } = api(() => ({
      body: draft,
      headers: { ETag: '"framework-9-r4"' },
    }));
    const name = await openCriterion();
    expect(await screen.findByText('Giá trị 4 → 20 điểm (tối đa 20)')).toBeInTheDocument();
    fireEvent.change(name, { target: { value: 'Steering committee meetings' } });
    expect(screen.getByTestId('save-state')).toHaveTextContent('Có thay đổi chưa lưu');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() =>
      expect(screen.getByTestId('save-state')).toHaveTextContent('Đã lưu mọi thay đổi'),
    );
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"framework-9-r3"');
    const sent = (await put?.json()) as FrameworkDoc;
    expect(sent.criteria[0]?.children?.[0]?.name_en).toBe('Steering committee meetings');
  });

  it('shows a 422 at the field it names, and a 412 as a change by someone else', async () => {
    let answer = 422;
    api(() =>
      answer === 422
        ? problem(422, 'Dữ liệu không hợp lệ.', {
            errors: [{ field: 'criteria[0].children[0].max_points', message: 'Điểm quá lớn.' }],
          })
        : problem(412, 'Bộ chỉ số đã được người khác thay đổi.'),
    );
    const name = await openCriterion();
    fireEvent.change(name, { target: { value: 'Meetings!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Điểm quá lớn.')).toBeInTheDocument();
    expect(screen.getByText(/Chưa lưu được: 1 chỗ cần sửa/)).toBeInTheDocument();

    answer = 412;
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Người khác đã thay đổi bản nháp này')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tải lại' })).toBeInTheDocument();
  });
});
