/**
 * Account administration (admin): the users list with its filters, creating and editing an
 * account, disabling it, resetting its password (a temporary one, shown once), the Excel export,
 * and importing accounts from the Excel template (a dry run, then all rows or none).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import { ApiError } from '@/api/errors';
import type { Role, UserImportReport } from '@/api/types';
import { postWithProgress } from '@/api/upload';
import { saveFile } from '@/lib/save-file';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the list shows: a search, a role, a unit, active or disabled accounts, and a page. */
export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  unitCode?: string | undefined;
  active?: boolean | undefined;
}

/** The API's query parameters for a filter (empty parts left out). */
export function filterQuery(filter: UserFilter) {
  return {
    ...(filter.q?.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.unitCode ? { unit_code: filter.unitCode } : {}),
    ...(filter.active !== undefined ? { is_active: filter.active } : {}),
  };
}

/** This feature's cache keys. */
export const userKeys = {
  all: ['users'] as const,
  list: (filter: UserFilter, offset: number, limit: number) =>
    ['users', 'list', filter, offset, limit] as const,
  units: ['users', 'units'] as const,
};

/** One page of accounts matching the filter, by username. */
export function useUsers(filter: UserFilter, offset: number, limit: number) {
  return useQuery({
    queryKey: userKeys.list(filter, offset, limit),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { ...filterQuery(filter), offset, limit } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every unit, for the unit filter and the account form (the city has a few hundred). */
export function useUnitChoices() {
  return useQuery({
    queryKey: userKeys.units,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/units', { params: { query: { limit: 500 } }, signal })),
    staleTime: 5 * 60_000,
  });
}

export interface AccountFields {
  full_name: string;
  email?: string | null | undefined;
  roles: Role[];
  unit_code?: string | null | undefined;
}

/** Create an account; the answer carries its temporary password, shown once. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountFields & { username: string }) =>
      unwrap(
        api.POST('/api/v1/users', {
          body: {
            username: body.username,
            full_name: body.full_name,
            email: body.email || null,
            roles: body.roles,
            unit_code: body.unit_code ?? null,
          },
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Change an account's name, e-mail, roles, unit, or active flag. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      username,
      changes,
    }: {
      username: string;
      changes: Partial<AccountFields> & { is_active?: boolean };
    }) =>
      unwrap(
        api.PATCH('/api/v1/users/{username}', {
          params: { path: { username } },
          body: {
            ...changes,
            ...('email' in changes ? { email: changes.email || null } : {}),
          },
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Give an account a new temporary password (answered once). */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (username: string) =>
      unwrap(
        api.POST('/api/v1/users/{username}/password-reset', {
          params: { path: { username } },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Download the filtered list as Excel. */
export async function exportUsers(filter: UserFilter): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/v1/users.xlsx', { params: { query: filterQuery(filter) }, parseAs: 'blob' }),
  );
  saveFile(blob, 'nguoi-dung.xlsx');
}

/** Download the import template. */
export async function downloadImportTemplate(): Promise<void> {
  const blob = await unwrap(api.GET('/api/v1/user-imports/template.xlsx', { parseAs: 'blob' }));
  saveFile(blob, 'mau-nhap-tai-khoan.xlsx');
}

export function isXlsx(file: Pick<File, 'name'>): boolean {
  return file.name.toLowerCase().endsWith('.xlsx');
}

/** A refused apply carries its report inside the problem (the API's extension fields). */
export function reportOfProblem(error: unknown): UserImportReport | undefined {
  if (!(error instanceof ApiError) || error.problem?.code !== 'user_import.rejected') return;
  return { ...(error.problem as unknown as UserImportReport), status: 'rejected' };
}

export interface ImportRequest {
  file: File;
  dryRun: boolean;
  onProgress: (percent: number) => void;
}

/** Send the sheet: a dry run reports every row's errors and writes nothing. */
export function sendImport({ file, dryRun, onProgress }: ImportRequest) {
  return postWithProgress<UserImportReport>({
    path: `/api/v1/user-imports?dry_run=${String(dryRun)}`,
    body: file,
    headers: { 'Content-Type': XLSX_TYPE },
    onProgress,
  });
}

export function useImportUsers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendImport,
    meta: { inlineErrors: true },
    onSuccess: (_report, { dryRun }) => {
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}

function csvCell(value: string): string {
  // Formula-like text stays text in a spreadsheet (as the API's own CSVs do).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The accounts an import made with their temporary passwords, as a CSV for the admin to keep. */
export function passwordsCsv(report: UserImportReport): string {
  const lines = [['username', 'full_name', 'temporary_password', 'password_expires_at']];
  for (const account of report.accounts) {
    lines.push([
      account.username,
      account.full_name,
      account.temporary_password ?? '',
      account.password_expires_at ?? '',
    ]);
  }
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
