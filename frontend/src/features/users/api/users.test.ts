import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/errors';
import type { UserImportReport } from '@/api/types';

import type { ImportStage } from '../components/import-stage';
import { canApply, reportOf } from '../components/import-stage';
import { USERNAME_PATTERN, needsUnit } from '../components/role-rules';
import { filterQuery, isXlsx, passwordsCsv, reportOfProblem } from './users';

const report: UserImportReport = {
  dry_run: false,
  status: 'applied',
  rows: 2,
  created: 2,
  error_count: 0,
  errors: [],
  accounts: [
    {
      row: 2,
      username: 'p1.editor',
      full_name: 'Trần Văn An',
      email: null,
      roles: ['unit_editor'],
      unit_code: 'Q3',
      temporary_password: 'abcd-efgh-jkmn-pqrs',
      password_expires_at: '2026-12-12T00:00:00Z',
    },
    {
      row: 3,
      username: 'x.viewer',
      full_name: '=HYPERLINK("http://x"), "quoted"',
      email: null,
      roles: ['viewer'],
      unit_code: null,
      temporary_password: 'stuv-wxyz-2345-6789',
      password_expires_at: '2026-12-12T00:00:00Z',
    },
  ],
};

describe('the users filter', () => {
  it('sends only what is set, trimmed', () => {
    expect(filterQuery({})).toEqual({});
    expect(filterQuery({ q: '  lan ', role: 'unit_head', unitCode: 'Q1', active: false })).toEqual({
      q: 'lan',
      role: 'unit_head',
      unit_code: 'Q1',
      is_active: false,
    });
    expect(filterQuery({ q: '   ', active: true })).toEqual({ is_active: true });
  });
});

describe('the account rules the form checks first', () => {
  it('asks for a unit for unit staff and agency staff only', () => {
    expect(needsUnit(['unit_editor'])).toBe(true);
    expect(needsUnit(['viewer', 'provider'])).toBe(true);
    expect(needsUnit(['admin', 'evaluator'])).toBe(false);
    expect(needsUnit([])).toBe(false);
  });

  it('takes usernames as the API does', () => {
    expect(USERNAME_PATTERN.test('q1.editor')).toBe(true);
    expect(USERNAME_PATTERN.test('cuc-thue_staff2')).toBe(true);
    expect(USERNAME_PATTERN.test('x')).toBe(false);
    expect(USERNAME_PATTERN.test('.hidden')).toBe(false);
    expect(USERNAME_PATTERN.test('có dấu')).toBe(false);
    expect(USERNAME_PATTERN.test('a'.repeat(65))).toBe(false);
  });
});

describe('an import', () => {
  it('takes .xlsx files only', () => {
    expect(isXlsx({ name: 'Tai-khoan.XLSX' })).toBe(true);
    expect(isXlsx({ name: 'tai-khoan.csv' })).toBe(false);
    expect(isXlsx({ name: 'tai-khoan.xls' })).toBe(false);
  });

  it('is applied only once checked without an error', () => {
    const file = new File([''], 'a.xlsx');
    const checked: ImportStage = {
      kind: 'checked',
      file,
      report: { ...report, dry_run: true, status: 'validated', created: 0 },
    };
    expect(canApply(checked)).toBe(true);
    expect(canApply({ ...checked, report: { ...checked.report, status: 'rejected' } })).toBe(false);
    expect(canApply({ kind: 'applied', file, report })).toBe(false);
    expect(canApply({ kind: 'idle' })).toBe(false);
    expect(reportOf({ kind: 'checking', file, percent: 50 })).toBeUndefined();
    expect(reportOf({ kind: 'failed', file, error: new Error('x'), report })).toBe(report);
  });

  it('reads a refused apply from the problem, and nothing else', () => {
    const problem = {
      type: 'https://dti-hub.local/problems/validation',
      title: 'Invalid',
      status: 422,
      detail: 'Không nhập tài khoản nào: 1 lỗi.',
      code: 'user_import.rejected',
      dry_run: false,
      rows: 3,
      created: 0,
      error_count: 1,
      errors: [
        { row: 4, field: 'email', value: 'x', code: 'user_import.email_invalid', message: 'Sai' },
      ],
      accounts: [],
    };
    const refused = reportOfProblem(new ApiError(422, problem));
    expect(refused?.status).toBe('rejected');
    expect(refused?.errors[0]?.row).toBe(4);
    expect(reportOfProblem(new ApiError(422, { ...problem, code: 'http.validation' }))).toBe(
      undefined,
    );
    expect(reportOfProblem(new Error('network'))).toBeUndefined();
  });

  it('lists the temporary passwords as a CSV whose cells never run as formulas', () => {
    const csv = passwordsCsv(report);
    expect(
      csv.startsWith('\uFEFFusername,full_name,temporary_password,password_expires_at\r\n'),
    ).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toBe('p1.editor,Trần Văn An,abcd-efgh-jkmn-pqrs,2026-12-12T00:00:00Z');
    expect(lines[2]).toBe(
      `x.viewer,"'=HYPERLINK(""http://x""), ""quoted""",stuv-wxyz-2345-6789,2026-12-12T00:00:00Z`,
    );
  });
});
