import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import { json, mockApi } from '@/test/api-mock';

import type { ProposalLink } from '../api/proposal-links';
import { ProposalLinks } from './ProposalLinks';

const link = (id: number, unit: string, code: string): ProposalLink => ({
  id,
  unit_code: unit,
  unit_name_vi: unit,
  kind: 'change',
  title: `Đề xuất ${id}`,
  criterion_code: code,
  target_criterion_code: code,
  in_framework: true,
  response: null,
});

function renderLinks(code: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ProposalLinks frameworkId={7} code="1.2" showEmpty />
        <ProposalLinks frameworkId={7} code={code} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('ProposalLinks', () => {
  it("links each change of a draft to the units' proposals it answers, in one request", async () => {
    const { requests } = mockApi({
      'GET /api/v1/frameworks/7/proposals': json([
        link(12, 'Q1', '1.2'),
        link(15, 'SO-TTTT', '1.2'),
        link(16, 'Q3', '2.1'),
      ]),
    });
    renderLinks('3.1');
    const list = await screen.findByRole('list', { name: 'Đề xuất gắn với chỉ số 1.2' });
    const items = within(list).getAllByRole('link');
    expect(items.map((item) => item.textContent)).toEqual([
      'Đề xuất số 12 (Q1)',
      'Đề xuất số 15 (SO-TTTT)',
    ]);
    expect(items[0]).toHaveAttribute('href', '/proposals?id=12');
    // A code no proposal names shows nothing in a diff row.
    expect(screen.queryByRole('list', { name: 'Đề xuất gắn với chỉ số 3.1' })).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it('says so in a detail panel when none is linked', async () => {
    mockApi({ 'GET /api/v1/frameworks/7/proposals': json([]) });
    renderLinks('3.1');
    expect(await screen.findByText('Chưa có đề xuất nào gắn với chỉ số này.')).toBeInTheDocument();
  });
});
