/** Small API answers shaped like the seeded demo data. */
import type { Criterion, Framework, Me, Round, TokenPair, Unit, UnitGroup } from '@/api/types';

export const tokenPair = (suffix = '1'): TokenPair => ({
  access_token: `access-${suffix}`,
  refresh_token: `refresh-${suffix}`,
  token_type: 'bearer',
  expires_in: 900,
});

export const adminMe: Me = {
  kind: 'user',
  username: 'admin',
  full_name: 'Nguyễn Văn An',
  roles: ['admin'],
  unit_code: null,
  unit_name_vi: null,
};

export const editorMe: Me = {
  kind: 'user',
  username: 'q1.editor',
  full_name: 'Phạm Thị Thu Hà',
  roles: ['unit_editor'],
  unit_code: 'Q1',
  unit_name_vi: 'Quận 1',
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
  schedule: {},
  is_demo: true,
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

function leaf(code: string, nameVi: string, nameEn: string, groups: string[], points: string): Criterion {
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
      { name: 'value', element_code: `E-${code}`, value_type: 'boolean', source: 'self', provider_code: null },
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
  { code: 'SBN', name_vi: 'Sở, ban, ngành', name_en: 'Departments and agencies', sort_order: 1, unit_count: 1 },
  { code: 'QH', name_vi: 'Thành phố Thủ Đức, quận, huyện', name_en: 'Thủ Đức City and districts', sort_order: 2, unit_count: 2 },
];

const unit = (code: string, nameVi: string, nameEn: string, kind: string, groups: string[]): Unit => ({
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
});

export const units: Unit[] = [
  unit('Q1', 'Quận 1', 'District 1', 'district', ['QH']),
  unit('H-CC', 'Huyện Củ Chi', 'Cu Chi District', 'rural_district', ['QH']),
  unit('SO-TTTT', 'Sở Thông tin và Truyền thông', 'Department of Information and Communications', 'department', ['SBN']),
];
