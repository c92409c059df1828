import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Criterion, DataElement } from '@/api/types';
import { criteria } from '@/test/fixtures';

import { CriterionDetails } from './CriterionDetails';

const base = criteria[0]?.children[0] as Criterion;

const choice: Criterion = {
  ...base,
  code: '1.1',
  rule: { kind: 'choice', input: 'value', points: { head: '20', none: '0' } },
  inputs: [
    {
      name: 'value',
      element_code: 'E-1.1',
      value_type: 'choice',
      source: 'self',
      provider_code: null,
    },
  ],
};

const element: DataElement = {
  code: 'E-1.1',
  name_vi: 'Vị trí của Trưởng Ban chỉ đạo CĐS',
  name_en: 'Position of the chair of the DX steering committee',
  value_type: 'choice',
  options: [
    { value: 'head', label_vi: 'Người đứng đầu đơn vị', label_en: 'Head of the unit' },
    { value: 'none', label_vi: 'Chưa thành lập Ban chỉ đạo', label_en: 'No steering committee' },
  ],
  min: null,
  max: null,
  unit: null,
  source: 'self',
  provider_code: null,
};

describe('criterion details', () => {
  it("names the options of a choice rule and the indicator's data elements", () => {
    render(<CriterionDetails criterion={choice} elements={new Map([[element.code, element]])} />);
    expect(
      screen.getByText(
        'Điểm theo lựa chọn: Người đứng đầu đơn vị → 20; Chưa thành lập Ban chỉ đạo → 0.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Vị trí của Trưởng Ban chỉ đạo CĐS/)).toBeInTheDocument();
    expect(screen.getByText('Cách xác định 1.1')).toBeInTheDocument();
  });

  it('falls back to the option codes while the elements are unknown', () => {
    render(<CriterionDetails criterion={choice} elements={new Map()} />);
    expect(screen.getByText('Điểm theo lựa chọn: head → 20; none → 0.')).toBeInTheDocument();
  });
});
