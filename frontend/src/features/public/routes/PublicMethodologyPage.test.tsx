import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { setLanguage } from '@/i18n';
import { json, mockApi } from '@/test/api-mock';
import { methodology2023, publicRounds } from '@/test/public-fixtures';
import { renderApp } from '@/test/render';

describe('the methodology page (Cách tính chỉ số)', () => {
  it('puts the round’s framework into words: points, groups, rules, inputs and their sources', async () => {
    const { requests } = mockApi({
      'GET /api/v1/public/rounds': json(publicRounds),
      'GET /api/v1/public/rounds/3/framework': json(methodology2023),
    });
    renderApp('/public/methodology?round=3');
    expect(
      await screen.findByRole(
        'heading',
        { level: 2, name: 'Bộ chỉ số đánh giá chuyển đổi số TP.HCM 2023' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Cách tính chỉ số' })).toBeInTheDocument();
    expect(screen.getByText('79/QĐ-UBND ngày 10/01/2023')).toBeInTheDocument();
    const groups = screen.getByTestId('group-max');
    expect(within(groups).getByText('Sở, ban, ngành: 400 điểm')).toBeInTheDocument();
    expect(
      within(groups).getByText('Thành phố Thủ Đức, quận, huyện: 1000 điểm'),
    ).toBeInTheDocument();

    // The general rules: index, ranking, publication.
    expect(screen.getByText(/tổng điểm ÷ tổng điểm tối đa/)).toBeInTheDocument();
    expect(screen.getByText(/\(1, 2, 2, 4\)/)).toBeInTheDocument();
    expect(screen.getByText(/SHA-256/)).toBeInTheDocument();
    expect(screen.getByText(/phiên bản mới kèm lý do/)).toBeInTheDocument();

    // Each pillar and indicator: the rule in words, inputs and who supplies them.
    expect(screen.getByRole('link', { name: '8. Kinh tế số' })).toHaveAttribute(
      'href',
      '#pillar-8',
    );
    const boolean = screen.getByTestId('criterion-1.1');
    expect(within(boolean).getByRole('heading', { level: 3 })).toHaveTextContent(
      '1.1 Có Ban chỉ đạo CĐS',
    );
    expect(
      within(boolean).getByText(/Đạt điểm tối đa nếu trả lời “Có”, ngược lại 0 điểm\./),
    ).toBeInTheDocument();
    expect(within(boolean).getByText('400 điểm')).toBeInTheDocument();
    expect(
      within(boolean).getByText('Sở, ban, ngành; Thành phố Thủ Đức, quận, huyện'),
    ).toBeInTheDocument();
    expect(within(boolean).getByText(/nguồn: đơn vị tự đánh giá/)).toBeInTheDocument();
    expect(within(boolean).getByText('Cách xác định 1.1')).toBeInTheDocument();

    const supplied = screen.getByTestId('criterion-8.1');
    expect(
      within(supplied).getByText(/Tuyến tính từ 0 \(0 điểm\) đến 100 \(điểm tối đa\)\./),
    ).toBeInTheDocument();
    expect(within(supplied).getByText(/nguồn: Cục Thuế Thành phố/)).toBeInTheDocument();
    expect(
      within(supplied).getByText(/Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử/),
    ).toBeInTheDocument();
    expect(within(supplied).getByText('Thành phố Thủ Đức, quận, huyện')).toBeInTheDocument();
    expect(requests.every((request) => !request.headers.has('Authorization'))).toBe(true);
  });

  it('reads the newest published round by default, and in English on request', async () => {
    await setLanguage('en');
    mockApi({
      'GET /api/v1/public/rounds': json(publicRounds),
      'GET /api/v1/public/rounds/3/framework': json(methodology2023),
    });
    renderApp('/public/methodology');
    expect(
      await screen.findByRole(
        'heading',
        { level: 2, name: 'Ho Chi Minh City Digital Transformation Index 2023' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'How the index is computed' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('criterion-8.1')).getByText(
        /source: Ho Chi Minh City Tax Department/,
      ),
    ).toBeInTheDocument();
  });
});
