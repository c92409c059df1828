/** Small API answers shaped like the seeded demo data. */
import type {
  Answer,
  Assessment,
  Criterion,
  CriterionInput,
  DataElement,
  Framework,
  Me,
  Round,
  TokenPair,
  Unit,
  UnitGroup,
} from '@/api/types';

export const tokenPair = (suffix = '1'): TokenPair => ({
  access_token: `access-${suffix}`,
  refresh_token: `refresh-${suffix}`,
  token_type: 'bearer',
  expires_in: 900,
  must_change_password: false,
});

export const adminMe: Me = {
  kind: 'user',
  username: 'admin',
  full_name: 'Nguyễn Văn An',
  roles: ['admin'],
  unit_code: null,
  unit_name_vi: null,
  must_change_password: false,
};

export const editorMe: Me = {
  kind: 'user',
  username: 'q1.editor',
  full_name: 'Phạm Thị Thu Hà',
  roles: ['unit_editor'],
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  must_change_password: false,
};

export const demoRound: Round = {
  id: 1,
  year: 2023,
  title: 'Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)',
  title_vi: 'Đánh giá chỉ số CĐS năm 2023 (dữ liệu minh họa)',
  title_en: '2023 DX index assessment (demo data)',
  framework_id: 2,
  framework_code: 'HCMC-DTI-2023',
  phase: 'collecting',
  next_phases: ['reviewing'],
  groups: ['SBN', 'QH'],
  unit_count: 47,
  reference_date: '2023-12-31',
  schedule: {},
  auto_advance: false,
  is_demo: true,
  is_practice: false,
  practice_of_id: null,
  created_at: '2025-01-10T03:00:00Z',
  updated_at: '2025-01-10T03:00:00Z',
};

export const framework: Framework = {
  id: 2,
  code: 'HCMC-DTI-2023',
  title_vi: 'Bộ chỉ số đánh giá chuyển đổi số TP.HCM 2023',
  title_en: 'Ho Chi Minh City Digital Transformation Index 2023',
  legal_basis: '79/QĐ-UBND ngày 10/01/2023',
  year: 2023,
  status: 'active',
  groups: ['SBN', 'QH'],
  cloned_from_id: null,
  is_frozen: true,
  revision: 1,
  max_points_by_group: { SBN: '1000', QH: '1000' },
  criteria_count: 4,
  indicator_count: 2,
  element_count: 2,
  created_at: '2025-01-10T03:00:00Z',
  updated_at: '2025-01-10T03:00:00Z',
};

const emptyGuidance = {
  method_vi: null,
  method_en: null,
  evidence_vi: null,
  evidence_en: null,
  data_source_vi: null,
  data_source_en: null,
  verified_by_vi: null,
  verified_by_en: null,
};

function leaf(
  code: string,
  nameVi: string,
  nameEn: string,
  groups: string[],
  points: string,
): Criterion {
  return {
    code,
    name_vi: nameVi,
    name_en: nameEn,
    is_leaf: true,
    max_points: points,
    max_points_by_group: Object.fromEntries(groups.map((group) => [group, points])),
    weight: '1',
    groups,
    rule: { kind: 'boolean', input: 'value' },
    inputs: [
      {
        name: 'value',
        element_code: `E-${code}`,
        value_type: 'boolean',
        source: 'self',
        provider_code: null,
      },
    ],
    not_applicable_when_missing: false,
    evidence_required: true,
    guidance: {
      ...emptyGuidance,
      method_vi: `Cách xác định ${code}`,
      method_en: `How ${code} is determined`,
      verified_by_vi: 'Sở Thông tin và Truyền thông',
      verified_by_en: 'Department of Information and Communications',
    },
    children: [],
  };
}

function pillar(code: string, nameVi: string, nameEn: string, children: Criterion[]): Criterion {
  const groups = [...new Set(children.flatMap((child) => child.groups))];
  const byGroup: Record<string, string> = {};
  for (const group of groups) {
    byGroup[group] = String(
      children.reduce((sum, child) => sum + Number(child.max_points_by_group[group] ?? 0), 0),
    );
  }
  return {
    code,
    name_vi: nameVi,
    name_en: nameEn,
    is_leaf: false,
    max_points: null,
    max_points_by_group: byGroup,
    weight: '1',
    groups,
    rule: { kind: 'sum_of_children' },
    inputs: [],
    not_applicable_when_missing: false,
    evidence_required: false,
    guidance: emptyGuidance,
    children,
  };
}

/** Two pillars: one for both groups (400 points), one for QH only (600 points). */
export const criteria: Criterion[] = [
  pillar('1', 'Nhận thức số', 'Digital awareness', [
    leaf('1.1', 'Có Ban chỉ đạo CĐS', 'A DX steering committee exists', ['SBN', 'QH'], '400'),
  ]),
  pillar('8', 'Kinh tế số', 'Digital economy', [
    leaf('8.1', 'Doanh nghiệp số', 'Digital businesses', ['QH'], '600'),
  ]),
];

export const criteriaForSBN: Criterion[] = criteria.slice(0, 1);

export const unitGroups: UnitGroup[] = [
  {
    code: 'SBN',
    name_vi: 'Sở, ban, ngành',
    name_en: 'Departments and agencies',
    sort_order: 1,
    unit_count: 1,
  },
  {
    code: 'QH',
    name_vi: 'Thành phố Thủ Đức, quận, huyện',
    name_en: 'Thủ Đức City and districts',
    sort_order: 2,
    unit_count: 2,
  },
];

const unit = (
  code: string,
  nameVi: string,
  nameEn: string,
  kind: string,
  groups: string[],
): Unit => ({
  code,
  name_vi: nameVi,
  name_en: nameEn,
  kind,
  groups,
  parent_code: null,
  valid_from: null,
  valid_to: null,
  predecessors: [],
  is_provider: false,
  unverified: false,
});

export const units: Unit[] = [
  unit('Q1', 'Quận 1', 'District 1', 'district', ['QH']),
  unit('H-CC', 'Huyện Củ Chi', 'Cu Chi District', 'rural_district', ['QH']),
  unit(
    'SO-TTTT',
    'Sở Thông tin và Truyền thông',
    'Department of Information and Communications',
    'department',
    ['SBN'],
  ),
];

export const headMe: Me = {
  kind: 'user',
  username: 'q1.head',
  full_name: 'Võ Thanh Tùng',
  roles: ['unit_head'],
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
  must_change_password: false,
};

// --- a small self-assessment of Q1: pillar 1 (a choice, a count, a ratio), pillar 8 (supplied) ---

function indicator(
  code: string,
  nameVi: string,
  rule: Criterion['rule'],
  inputs: CriterionInput[],
  evidenceRequired: boolean,
): Criterion {
  return {
    code,
    name_vi: nameVi,
    name_en: `Indicator ${code}`,
    is_leaf: true,
    max_points: '20',
    max_points_by_group: { QH: '20' },
    weight: '1',
    groups: ['QH'],
    rule,
    inputs,
    not_applicable_when_missing: false,
    evidence_required: evidenceRequired,
    guidance: {
      ...emptyGuidance,
      method_vi: `Cách xác định ${code}`,
      evidence_vi: `Tài liệu cho ${code}`,
      data_source_vi: 'Đơn vị tự đánh giá',
    },
    children: [],
  };
}

const selfInput = (
  name: string,
  elementCode: string,
  valueType: CriterionInput['value_type'],
): CriterionInput => ({
  name,
  element_code: elementCode,
  value_type: valueType,
  source: 'self',
  provider_code: null,
});

export const assessmentCriteria: Criterion[] = [
  pillar('1', 'Nhận thức số', 'Digital awareness', [
    indicator(
      '1.1',
      'Trưởng Ban chỉ đạo CĐS là người đứng đầu đơn vị',
      { kind: 'choice', input: 'value', points: { head: '20', deputy: '10', none: '0' } },
      [selfInput('value', 'E-1.1', 'choice')],
      true,
    ),
    indicator(
      '1.2',
      'Số cuộc họp của Ban chỉ đạo CĐS trong năm',
      {
        kind: 'bands',
        input: 'value',
        direction: 'higher_is_better',
        bands: [
          { threshold: '4', points: '20' },
          { threshold: '1', points: '5' },
        ],
      },
      [selfInput('value', 'E-1.2', 'integer')],
      true,
    ),
    indicator(
      '1.3',
      'Tỷ lệ văn bản chỉ đạo do người đứng đầu ký',
      {
        kind: 'ratio',
        numerator: 'a',
        denominator: 'b',
        scale: { kind: 'linear', floor: '0', target: '100' },
        zero_denominator: 'zero',
      },
      [selfInput('a', 'E-1.3-a', 'integer'), selfInput('b', 'E-1.3-b', 'integer')],
      true,
    ),
  ]),
  pillar('8', 'Kinh tế số', 'Digital economy', [
    indicator(
      '8.1',
      'Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử',
      {
        kind: 'ratio',
        numerator: 'a',
        denominator: 'b',
        scale: { kind: 'linear', floor: '0', target: '100' },
        zero_denominator: 'zero',
      },
      [
        {
          name: 'a',
          element_code: 'E-8.1-a',
          value_type: 'integer',
          source: 'provider',
          provider_code: 'CUC-THUE',
        },
        {
          name: 'b',
          element_code: 'E-8.1-b',
          value_type: 'integer',
          source: 'provider',
          provider_code: 'CUC-THUE',
        },
      ],
      false,
    ),
  ]),
];

const element = (
  code: string,
  nameVi: string,
  valueType: DataElement['value_type'],
  extra: Partial<DataElement> = {},
): DataElement => ({
  code,
  name_vi: nameVi,
  name_en: `Element ${code}`,
  value_type: valueType,
  options: null,
  min: null,
  max: null,
  unit: null,
  source: 'self',
  provider_code: null,
  ...extra,
});

export const assessmentElements: DataElement[] = [
  element('E-1.1', 'Vị trí của Trưởng Ban chỉ đạo CĐS', 'choice', {
    options: [
      { value: 'head', label_vi: 'Người đứng đầu đơn vị', label_en: 'Head of the unit' },
      {
        value: 'deputy',
        label_vi: 'Cấp phó của người đứng đầu',
        label_en: 'Deputy head of the unit',
      },
      { value: 'none', label_vi: 'Chưa thành lập Ban chỉ đạo', label_en: 'No steering committee' },
    ],
  }),
  element('E-1.2', 'Số cuộc họp trong năm', 'integer'),
  element('E-1.3-a', 'Số văn bản do người đứng đầu ký', 'integer'),
  element('E-1.3-b', 'Tổng số văn bản', 'integer'),
  element('E-8.1-a', 'Số doanh nghiệp dùng hóa đơn điện tử', 'integer', {
    source: 'provider',
    provider_code: 'CUC-THUE',
  }),
  element('E-8.1-b', 'Tổng số doanh nghiệp', 'integer', {
    source: 'provider',
    provider_code: 'CUC-THUE',
  }),
];

const selfState = (elementCode: string, updatedAt: string | null = '2025-03-01T02:00:00Z') => ({
  element_code: elementCode,
  source: 'self',
  provider_code: null,
  read_only: false,
  updated_at: updatedAt,
  updated_by: updatedAt ? 'q1.editor' : null,
});

const answer = (
  code: string,
  inputs: Answer['inputs'],
  states: Answer['input_states'],
  points: string,
): Answer => ({
  indicator_code: code,
  inputs,
  input_states: states,
  note: null,
  evidence: [],
  evidence_required: !code.startsWith('8.'),
  review: null,
  editable: true,
  comments: 0,
  points,
  max_points: '20.00',
});

/** Q1's assessment as the API sends it: 1.1 unanswered, 1.2 and 1.3 answered, 8.1 supplied. */
export function q1Assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    round_id: 1,
    unit_code: 'Q1',
    unit_name_vi: 'Quận 1',
    group: 'QH',
    status: 'in_progress',
    version: 3,
    editable: true,
    submitted_at: null,
    submitted_by: null,
    submitted_by_name: null,
    answers: [
      answer('1.1', { value: null }, { value: selfState('E-1.1', null) }, '0.00'),
      answer('1.2', { value: 2 }, { value: selfState('E-1.2') }, '5.00'),
      answer(
        '1.3',
        { a: 29, b: 45 },
        { a: selfState('E-1.3-a'), b: selfState('E-1.3-b') },
        '12.89',
      ),
      answer(
        '8.1',
        { a: 1200, b: 1500 },
        {
          a: {
            ...selfState('E-8.1-a', '2025-02-10T03:00:00Z'),
            source: 'provider',
            provider_code: 'CUC-THUE',
            read_only: true,
            updated_by: 'cuc-thue',
          },
          b: {
            ...selfState('E-8.1-b', '2025-02-10T03:00:00Z'),
            source: 'provider',
            provider_code: 'CUC-THUE',
            read_only: true,
            updated_by: 'cuc-thue',
          },
        },
        '16.00',
      ),
    ],
    missing: [
      { field: 'answers.1.1', message: 'Chỉ số 1.1 chưa được trả lời đầy đủ.' },
      { field: 'evidence.1.2', message: 'Chỉ số 1.2 cần ít nhất một tài liệu kiểm chứng.' },
    ],
    preview: {
      points: '33.89',
      max_points: '80.00',
      index: '0.4236',
      pillars: [
        { code: '1', points: '17.89', max_points: '60.00', index: '0.2982' },
        { code: '8', points: '16.00', max_points: '20.00', index: '0.8000' },
      ],
    },
    ...overrides,
  };
}

export const providerUnit: Unit = {
  ...unit('CUC-THUE', 'Cục Thuế Thành phố', 'City Tax Department', 'agency', []),
  is_provider: true,
};

/** How the engine explains Q1's indicator 1.2 (two meetings: the band ≥ 1, 5 of 20 points). */
export const explanation12 = {
  rule: 'bands',
  outcome: 'scored',
  applicable: true,
  inputs: [{ name: 'value', element_code: 'E-1.2', value: 2, source: 'self' }],
  formula_vi: 'x = 2 đạt bậc ≥ 1 → 5,00 điểm',
  formula_en: 'x = 2 reaches the band ≥ 1 → 5.00 points',
  points: '5.00',
  max_points: '20.00',
  adjustment: null,
};
