import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { FrameworkProvenance, LevelSet } from '../types';

import { ProvenanceNotice } from './ProvenanceNotice';

const MIXED: FrameworkProvenance = {
  kind: 'mixed',
  note_vi: 'Cấu trúc và 1.000 điểm là minh họa.',
  note_en: 'The structure and 1,000 points are illustrative.',
  references: [
    {
      title: '79/QĐ-UBND ngày 10/01/2023',
      url: null,
      note_vi: 'Căn cứ ban hành.',
      note_en: 'The basis.',
    },
    {
      title: 'Thanh Niên, 7/3/2024',
      url: 'https://thanhnien.vn/ket-qua-dti-2023',
      note_vi: 'Ba mức độ.',
      note_en: 'Three levels.',
    },
  ],
};

const BANDS = [
  { code: 'khoi_dong', name_vi: 'Khởi động', name_en: 'Starting', min_index: '0' },
  { code: 'nang_cao', name_vi: 'Nâng cao', name_en: 'Advanced', min_index: '0.8' },
];
const LEVELS: LevelSet[] = [
  {
    groups: ['SBN'],
    bands: BANDS,
    provenance: { kind: 'sourced', reference: 'Thanh Niên, 7/3/2024', url: null },
  },
  {
    groups: ['QH'],
    bands: BANDS,
    provenance: { kind: 'illustrative', reference: null, url: null },
  },
];

describe('the illustrative-content notice (nội dung minh họa)', () => {
  it('says the framework is partly illustrative and names what is sourced', () => {
    render(<ProvenanceNotice provenance={MIXED} levels={LEVELS} />);
    const notice = screen.getByTestId('provenance-notice');
    expect(notice).toHaveAttribute('role', 'alert');
    expect(within(notice).getByText('Nội dung minh họa')).toBeInTheDocument();
    expect(notice).toHaveTextContent(
      'Bộ chỉ số này có phần là minh họa, không phải văn bản chính thức. Cấu trúc và 1.000 điểm là minh họa.',
    );
    const sources = within(notice).getAllByRole('listitem');
    expect(sources.map((item) => item.textContent)).toEqual([
      '79/QĐ-UBND ngày 10/01/2023 — Căn cứ ban hành.',
      'Thanh Niên, 7/3/2024 — Ba mức độ.',
      'Mức độ nhóm SBN: Thanh Niên, 7/3/2024',
    ]);
    expect(within(notice).getByRole('link', { name: 'Thanh Niên, 7/3/2024' })).toHaveAttribute(
      'href',
      'https://thanhnien.vn/ket-qua-dti-2023',
    );
  });

  it('says when nothing of a wholly illustrative framework is sourced', () => {
    render(<ProvenanceNotice provenance={{ kind: 'illustrative', references: [] }} />);
    const notice = screen.getByTestId('provenance-notice');
    expect(notice).toHaveTextContent('Toàn bộ nội dung bộ chỉ số này là minh họa');
    expect(notice).toHaveTextContent('Không phần nào có nguồn chính thức.');
  });

  it('shows nothing for a sourced framework or one whose provenance is not stated', () => {
    const { container, rerender } = render(
      <ProvenanceNotice provenance={{ kind: 'sourced', references: [] }} />,
    );
    expect(container).toBeEmptyDOMElement();
    rerender(<ProvenanceNotice provenance={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
