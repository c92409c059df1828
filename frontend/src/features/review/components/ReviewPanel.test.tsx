import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Answer, CriterionInput } from '@/api/types';
import { json, mockApi } from '@/test/api-mock';

import { ReviewPanel } from './ReviewPanel';

const answer: Answer = {
  indicator_code: '1.3',
  inputs: { a: 0, b: 1 },
  input_states: {},
  note: null,
  evidence: [],
  evidence_required: true,
  review: null,
  editable: false,
  comments: 0,
  points: '0.00',
  max_points: '20.00',
};

const inputs: CriterionInput[] = [
  {
    name: 'a',
    element_code: 'E-1.3-a',
    value_type: 'integer',
    source: 'self',
    provider_code: null,
  },
  {
    name: 'b',
    element_code: 'E-1.3-b',
    value_type: 'integer',
    source: 'self',
    provider_code: null,
  },
];

describe('the decision form', () => {
  it("adjusts by the reviewer's figures, with a reason", async () => {
    const { requests } = mockApi({
      'POST /api/v1/rounds/1/units/Q1/reviews/1.3': json({ decision: 'adjusted' }, 201),
    });
    const onDecided = vi.fn(() => Promise.resolve());
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ReviewPanel
          roundId={1}
          unitCode="Q1"
          answer={answer}
          inputs={inputs}
          status="submitted"
          onDecided={onDecided}
        />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByText('Điều chỉnh điểm'));
    await user.click(screen.getByText('Số liệu'));
    await user.type(screen.getByLabelText('Số liệu a (E-1.3-a)'), '3');
    await user.type(screen.getByLabelText('Số liệu b (E-1.3-b)'), '4');
    await user.type(
      screen.getByLabelText('Lý do điều chỉnh (đơn vị sẽ thấy)'),
      'Theo báo cáo của Sở Nội vụ.',
    );
    await user.click(screen.getByRole('button', { name: 'Lưu ý kiến' }));
    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    const sent = requests.find((request) => request.method === 'POST');
    expect(await sent?.json()).toEqual({
      decision: 'adjusted',
      points: null,
      values: { a: '3', b: '4' },
      comment: 'Theo báo cáo của Sở Nội vụ.',
    });
  });
});
