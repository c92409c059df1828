/** Published results shaped like the public API's answers: 2023 (two versions) and 2022 (demo). */
import type { components } from '@/api/schema';
import type { Criterion } from '@/api/types';

import { criteria } from './fixtures';

type Schemas = components['schemas'];
type PublicResults = Schemas['PublicResults'];
type PublicRanking = Schemas['PublicRanking'];
type PublicGroup = Schemas['PublicGroup'];

const HASH_2023_V2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const HASH_2023_V1 = '0f1e2d3c4b5a69788796a5b4c3d2e1f00ffeeddccbbaa99887766554433221100';
const HASH_2022 = 'ce26341ee2a86b75f5e45abc577ac91a7b534531923d571f72e5e2600b11e567';

const pillarNames: Record<string, [string, string]> = {
  '1': ['Nhận thức số', 'Digital awareness'],
  '8': ['Kinh tế số', 'Digital economy'],
};

function ranking(
  rank: number,
  code: string,
  nameVi: string,
  nameEn: string,
  points: number,
): PublicRanking {
  const awareness = Math.min(400, points / 2);
  return {
    rank,
    unit_code: code,
    unit_name_vi: nameVi,
    unit_name_en: nameEn,
    points: points.toFixed(2),
    max_points: '1000.00',
    index: (points / 1000).toFixed(4),
    pillars: [
      {
        code: '1',
        name_vi: 'Nhận thức số',
        name_en: 'Digital awareness',
        points: awareness.toFixed(2),
        max_points: '400.00',
        index: (awareness / 400).toFixed(4),
      },
      {
        code: '8',
        name_vi: 'Kinh tế số',
        name_en: 'Digital economy',
        points: (points - awareness).toFixed(2),
        max_points: '600.00',
        index: ((points - awareness) / 600).toFixed(4),
      },
    ],
  };
}

function group(
  code: string,
  nameVi: string,
  nameEn: string,
  rankings: PublicRanking[],
): PublicGroup {
  const average = rankings.reduce((sum, item) => sum + Number(item.points), 0) / rankings.length;
  return {
    code,
    name_vi: nameVi,
    name_en: nameEn,
    unit_count: rankings.length,
    average_points: average.toFixed(2),
    average_index: (average / 1000).toFixed(4),
    pillars: Object.entries(pillarNames).map(([pillar, [vi, en]]) => ({
      code: pillar,
      name_vi: vi,
      name_en: en,
      max_points: pillar === '1' ? '400.00' : '600.00',
      average_points: '100.00',
      average_index: '0.2500',
    })),
    rankings,
  };
}

const SBN = ['SBN', 'Sở, ban, ngành', 'Departments and agencies'] as const;
const QH = ['QH', 'Thành phố Thủ Đức, quận, huyện', 'Thủ Đức City and districts'] as const;

const framework = {
  id: 2,
  code: 'HCMC-DTI-2023',
  title_vi: 'Bộ chỉ số đánh giá chuyển đổi số TP.HCM 2023',
  title_en: 'Ho Chi Minh City Digital Transformation Index 2023',
  legal_basis: '79/QĐ-UBND ngày 10/01/2023',
  revision: 1,
};

const round2023 = {
  id: 3,
  year: 2023,
  title_vi: 'Đánh giá chỉ số CĐS năm 2023',
  title_en: '2023 DX index assessment',
  is_demo: false,
};
const round2022 = {
  id: 2,
  year: 2022,
  title_vi: 'Đánh giá chỉ số CĐS năm 2022 (dữ liệu minh họa)',
  title_en: '2022 DX index assessment (demo data)',
  is_demo: true,
};

const version = (number: number, hash: string, publishedAt: string, reason: string | null) => ({
  version: number,
  content_hash: hash,
  published_at: publishedAt,
  reason,
});

const v2023v2 = version(
  2,
  HASH_2023_V2,
  '2024-02-20T03:00:00Z',
  'Đính chính điểm chỉ số 8.1 của Quận 3',
);
const v2023v1 = version(1, HASH_2023_V1, '2024-01-25T03:00:00Z', null);
const v2022 = version(1, HASH_2022, '2023-01-30T03:00:00Z', null);

export const publicRounds: Schemas['PublicRoundList'] = {
  items: [
    {
      ...round2023,
      framework_code: framework.code,
      groups: ['SBN', 'QH'],
      latest: v2023v2,
      versions: [v2023v2, v2023v1],
    },
    {
      ...round2022,
      framework_code: framework.code,
      groups: ['SBN', 'QH'],
      latest: v2022,
      versions: [v2022],
    },
  ],
  total: 2,
};

function results(
  round: typeof round2023,
  published: ReturnType<typeof version>,
  groups: PublicGroup[],
): PublicResults {
  return {
    round: { ...round, framework },
    version: published.version,
    reason: published.reason,
    published_at: published.published_at,
    score_run: { id: 7, input_hash: 'f'.repeat(64) },
    detail_sha256: 'e'.repeat(64),
    csv_sha256: 'f'.repeat(64),
    content_hash: published.content_hash,
    groups,
  };
}

/** 2023, version 2. QH: Q1 rose from 3rd to 1st, Q3 fell to a shared 2nd, H-CC kept 2nd, TP-TD is new. */
export const results2023: PublicResults = results(round2023, v2023v2, [
  group(...SBN, [
    ranking(
      1,
      'SO-TTTT',
      'Sở Thông tin và Truyền thông',
      'Department of Information and Communications',
      830,
    ),
    ranking(2, 'SO-TC', 'Sở Tài chính', 'Department of Finance', 700),
  ]),
  group(...QH, [
    ranking(1, 'Q1', 'Quận 1', 'District 1', 812.5),
    ranking(2, 'Q3', 'Quận 3', 'District 3', 760),
    ranking(2, 'H-CC', 'Huyện Củ Chi', 'Cu Chi District', 760),
    ranking(4, 'TP-TD', 'Thành phố Thủ Đức', 'Thủ Đức City', 640),
  ]),
]);

/** 2023, version 1 (before the correction). */
export const results2023v1: PublicResults = results(round2023, v2023v1, results2023.groups);

/** 2022 (demo). QH: Q3 1st, H-CC 2nd, Q1 3rd. */
export const results2022: PublicResults = {
  ...results(round2023, v2022, [
    group(...SBN, [
      ranking(
        1,
        'SO-TTTT',
        'Sở Thông tin và Truyền thông',
        'Department of Information and Communications',
        800,
      ),
      ranking(2, 'SO-TC', 'Sở Tài chính', 'Department of Finance', 650),
    ]),
    group(...QH, [
      ranking(1, 'Q3', 'Quận 3', 'District 3', 790),
      ranking(2, 'H-CC', 'Huyện Củ Chi', 'Cu Chi District', 700),
      ranking(3, 'Q1', 'Quận 1', 'District 1', 589.28),
    ]),
  ]),
  round: { ...round2022, framework },
};

function entry(
  round: typeof round2023,
  published: ReturnType<typeof version>,
  unit: [string, string, string],
  rank: number,
  unitCount: number,
  points: string,
): Schemas['PublicUnitEntry'] {
  const [code, nameVi, nameEn] = unit;
  return {
    round,
    version: published.version,
    content_hash: published.content_hash,
    published_at: published.published_at,
    unit_code: code,
    unit_name_vi: nameVi,
    unit_name_en: nameEn,
    group: {
      code: 'QH',
      name_vi: QH[1],
      name_en: QH[2],
      unit_count: unitCount,
      average_index: '0.7000',
    },
    rank,
    points,
    max_points: '1000.00',
    index: (Number(points) / 1000).toFixed(4),
    pillars: [
      {
        code: '1',
        name_vi: 'Nhận thức số',
        name_en: 'Digital awareness',
        points: '300.00',
        max_points: '400.00',
        index: '0.7500',
        group_average_points: '280.00',
        group_average_index: '0.7000',
      },
      {
        code: '8',
        name_vi: 'Kinh tế số',
        name_en: 'Digital economy',
        points: (Number(points) - 300).toFixed(2),
        max_points: '600.00',
        index: ((Number(points) - 300) / 600).toFixed(4),
        group_average_points: '420.00',
        group_average_index: '0.7000',
      },
    ],
    criteria: [
      { code: '1', points: '300.00', max_points: '400.00', index: '0.7500' },
      { code: '1.1', points: '300.00', max_points: '400.00', index: '0.7500' },
      {
        code: '8',
        points: (Number(points) - 300).toFixed(2),
        max_points: '600.00',
        index: ((Number(points) - 300) / 600).toFixed(4),
      },
      {
        code: '8.1',
        points: (Number(points) - 300).toFixed(2),
        max_points: '600.00',
        index: ((Number(points) - 300) / 600).toFixed(4),
      },
    ],
  };
}

/** Thủ Đức City (merged whole from Q2, Q9 and Thủ Đức district): its own results of 2022, 2023. */
export const tpTdHistory: Schemas['PublicUnitHistory'] = {
  unit: { code: 'TP-TD', name_vi: 'Thành phố Thủ Đức', name_en: 'Thủ Đức City', kind: 'city' },
  predecessors: [
    {
      code: 'Q2',
      name_vi: 'Quận 2',
      name_en: 'District 2',
      kind: 'district',
      share: 'whole',
      effective_on: '2021-01-01',
      note: null,
    },
    {
      code: 'Q9',
      name_vi: 'Quận 9',
      name_en: 'District 9',
      kind: 'district',
      share: 'whole',
      effective_on: '2021-01-01',
      note: null,
    },
  ],
  history: [
    entry(round2022, v2022, ['TP-TD', 'Thành phố Thủ Đức', 'Thủ Đức City'], 5, 22, '612.40'),
    entry(round2023, v2023v2, ['TP-TD', 'Thành phố Thủ Đức', 'Thủ Đức City'], 4, 4, '640.00'),
  ],
  predecessor_history: [],
};

/** Phường Sài Gòn (2025, official code 26740): took a part of Quận 1; no result of its own yet. */
export const saiGonHistory: Schemas['PublicUnitHistory'] = {
  unit: { code: '26740', name_vi: 'Phường Sài Gòn', name_en: 'Sài Gòn Ward', kind: 'ward' },
  predecessors: [
    {
      code: 'Q1',
      name_vi: 'Quận 1',
      name_en: 'District 1',
      kind: 'district',
      share: 'part',
      effective_on: '2025-07-01',
      note: 'Quận 1: Phường Bến Nghé; một phần Phường Đa Kao, Phường Nguyễn Thái Bình',
    },
  ],
  history: [],
  predecessor_history: [
    { ...entry(round2022, v2022, ['Q1', 'Quận 1', 'District 1'], 3, 22, '589.28'), share: 'part' },
    {
      ...entry(round2023, v2023v2, ['Q1', 'Quận 1', 'District 1'], 2, 22, '701.50'),
      share: 'part',
    },
  ],
};

const withProvider: Criterion[] = criteria.map((pillar): Criterion =>
  pillar.code === '8'
    ? {
        ...pillar,
        children: pillar.children.map((leaf) => ({
          ...leaf,
          rule: {
            kind: 'linear',
            input: 'value',
            floor: '0',
            target: '100',
            direction: 'higher_is_better',
            goalposts: 'fixed',
          },
          inputs: [
            {
              name: 'value',
              element_code: 'E-8.1',
              value_type: 'percent',
              source: 'provider',
              provider_code: 'CUC-THUE',
            },
          ],
        })),
      }
    : pillar,
);

/** The 2023 framework as the methodology page reads it (fixtures' two pillars; 8.1 supplied by tax). */
export const methodology2023: Schemas['PublicMethodology'] = {
  round: round2023,
  framework,
  groups: [
    { code: 'SBN', name_vi: SBN[1], name_en: SBN[2], max_points: '400' },
    { code: 'QH', name_vi: QH[1], name_en: QH[2], max_points: '1000' },
  ],
  providers: {
    'CUC-THUE': { name_vi: 'Cục Thuế Thành phố', name_en: 'Ho Chi Minh City Tax Department' },
  },
  elements: [
    {
      code: 'E-8.1',
      name_vi: 'Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử',
      name_en: 'Share of businesses using e-invoices',
      value_type: 'percent',
      options: null,
      min: null,
      max: null,
      unit: '%',
      source: 'provider',
      provider_code: 'CUC-THUE',
    },
  ],
  criteria: withProvider,
};
