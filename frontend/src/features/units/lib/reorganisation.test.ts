import { describe, expect, it } from 'vitest';

import { i18n } from '@/i18n';

import { roundsInProblem } from './rounds-problem';
import { reportOfRejection } from './import-report';
import { unitStatus } from './status';
import {
  closes,
  describeField,
  emptySuccessor,
  initialState,
  lastDay,
  missingOnStep,
  stepOfField,
  toRequest,
} from './reorganisation';
import type { WizardState } from './reorganisation';
import { ApiError } from '@/api/errors';

const merger: WizardState = {
  kind: 'merger',
  effectiveOn: '2025-07-01',
  predecessors: [
    { code: 'P-BEN-NGHE', share: 'whole', close: null },
    { code: 'P-DA-KAO', share: 'part', close: null },
  ],
  successors: [
    {
      ...emptySuccessor(),
      code: ' P-SAI-GON ',
      name_vi: 'Phường Sài Gòn',
      name_en: 'Sai Gon Ward',
      groups: ['QH'],
    },
  ],
  note: '  ',
};

describe('the wizard request', () => {
  it('closes a unit merged whole and keeps one giving a part', () => {
    expect(toRequest(merger)).toEqual({
      kind: 'merger',
      effective_on: '2025-07-01',
      predecessors: [
        { code: 'P-BEN-NGHE', share: 'whole', close: true },
        { code: 'P-DA-KAO', share: 'part', close: false },
      ],
      successors: [
        {
          mode: 'new',
          code: 'P-SAI-GON',
          name_vi: 'Phường Sài Gòn',
          name_en: 'Sai Gon Ward',
          kind: 'ward',
          parent_code: null,
          groups: ['QH'],
        },
      ],
      note: null,
      confirm_rounds: false,
    });
    expect(toRequest(merger, true).confirm_rounds).toBe(true);
  });

  it('gives parts in a split, closing the divided unit unless told otherwise', () => {
    const split: WizardState = {
      ...initialState('split'),
      predecessors: [{ code: 'X', share: 'whole', close: null }],
    };
    expect(toRequest(split).predecessors).toEqual([{ code: 'X', share: 'part', close: true }]);
    expect(closes('split', { code: 'X', share: 'part', close: false })).toBe(false);
    expect(split.successors).toHaveLength(2);
    // A unit merged whole always ends, whatever the box says.
    expect(closes('merger', { code: 'X', share: 'whole', close: false })).toBe(true);
  });

  it('says what is missing before leaving a step', () => {
    expect(missingOnStep(initialState(), 0)).toEqual(['adminUnits.wizard.needPredecessor']);
    expect(missingOnStep(initialState(), 1)).toEqual([
      'adminUnits.wizard.needDate',
      'adminUnits.wizard.needSuccessor',
    ]);
    expect(missingOnStep(merger, 0)).toEqual([]);
    expect(missingOnStep(merger, 1)).toEqual([]);
    expect(missingOnStep({ ...merger, successors: [{ mode: 'existing', code: '' }] }, 1)).toEqual([
      'adminUnits.wizard.needSuccessor',
    ]);
  });

  it('computes the last day before the effective date', () => {
    expect(lastDay('2025-07-01')).toBe('2025-06-30');
    expect(lastDay('2024-03-01')).toBe('2024-02-29');
    expect(lastDay('')).toBe('');
  });
});

describe('field problems', () => {
  it('belong to the step where the field is entered', () => {
    expect(stepOfField('predecessors[1].code')).toBe(0);
    expect(stepOfField('successors[0].groups[0]')).toBe(1);
    expect(stepOfField('effective_on')).toBe(1);
    expect(stepOfField('note')).toBe(2);
  });

  it('are named in the admin’s words', async () => {
    await i18n.changeLanguage('vi');
    expect(describeField('predecessors[1].code', i18n.t)).toBe('Đơn vị tiền thân 2 – Mã');
    expect(describeField('successors[0].groups[0]', i18n.t)).toBe(
      'Đơn vị kế thừa 1 – Nhóm xếp hạng',
    );
    expect(describeField('effective_on', i18n.t)).toBe('Ngày có hiệu lực');
    await i18n.changeLanguage('en');
    expect(describeField('successors[2].parent_code', i18n.t)).toBe('Successor 3 – Parent unit');
    await i18n.changeLanguage('vi');
  });
});

describe('problems the API sends', () => {
  it('reads the rounds of a refused closing, and only of that', () => {
    const round = { id: 1, title_vi: 'Kỳ 2023', title_en: '2023 round', phase: 'collecting' };
    const refused = new ApiError(409, {
      type: 't',
      title: 'Conflict',
      status: 409,
      detail: 'd',
      code: 'unit.close_in_round',
      rounds: [round],
    } as never);
    expect(roundsInProblem(refused)).toEqual([round]);
    expect(
      roundsInProblem(
        new ApiError(409, { type: 't', title: 'x', status: 409, detail: 'd', code: 'other' }),
      ),
    ).toEqual([]);
    expect(roundsInProblem(new Error('x'))).toEqual([]);
  });

  it('reads the report of a refused import', () => {
    const report = {
      status: 'rejected',
      errors: [{ row: 2, column: 'kind', message: 'm', code: 'c' }],
    };
    const refused = new ApiError(422, {
      type: 't',
      title: 'Invalid',
      status: 422,
      detail: 'd',
      code: 'unit_import.rejected',
      report,
    } as never);
    expect(reportOfRejection(refused)).toEqual(report);
    expect(reportOfRejection(new ApiError(0, null))).toBeUndefined();
  });
});

describe('unit status', () => {
  it('is closed after its last day and future before its first', () => {
    expect(unitStatus({ valid_from: null, valid_to: '2025-06-30' }, '2025-07-01')).toBe('closed');
    expect(unitStatus({ valid_from: null, valid_to: '2025-06-30' }, '2025-06-30')).toBe('active');
    expect(unitStatus({ valid_from: '2025-07-01', valid_to: null }, '2025-06-30')).toBe('future');
    expect(unitStatus({ valid_from: null, valid_to: null }, '2025-06-30')).toBe('active');
  });
});
