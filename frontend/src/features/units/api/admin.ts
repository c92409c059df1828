/**
 * Administering units (admin only): one unit and its lineage, creating, editing, closing and
 * reopening units, the ranking groups, mergers and splits, and the Excel import (template, dry
 * run, apply). Every change refreshes the unit lists and groups the other pages show.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import { postWithProgress } from '@/api/upload';
import { saveFile } from '@/lib/save-file';

import { unitKeys } from './units';

type Schemas = components['schemas'];

export type UnitHistory = Schemas['UnitHistory'];
export type LineageLink = Schemas['LineageLink'];
export type UnitCreate = Schemas['UnitCreate'];
export type UnitUpdate = Schemas['UnitUpdate'];
export type UnitKind = Schemas['UnitCreate']['kind'];
export type GroupCreate = Schemas['GroupCreate'];
export type GroupUpdate = Schemas['GroupUpdate'];
export type Reorganisation = Schemas['Reorganisation'];
export type ReorganisationOut = Schemas['ReorganisationOut'];
export type UnitImportReport = Schemas['UnitImportReport'];
export type UnitImportRowError = Schemas['ImportRowError'];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Cache keys of the admin screens, under the units' own (so one refresh covers every list). */
export const adminUnitKeys = {
  all: ['units'] as const,
  one: (code: string) => ['units', 'one', code] as const,
  history: (code: string) => ['units', 'history', code] as const,
  adminList: (filter: AdminUnitFilter) => ['units', 'admin', filter] as const,
};

export interface AdminUnitFilter {
  q?: string | undefined;
  includeInactive: boolean;
  offset: number;
  limit: number;
}

/** Every unit (closed ones too, when asked), for the admin's table. */
export function useAdminUnits(filter: AdminUnitFilter) {
  return useQuery({
    queryKey: adminUnitKeys.adminList(filter),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/units', {
          params: {
            query: {
              limit: filter.limit,
              offset: filter.offset,
              include_inactive: filter.includeInactive,
              ...(filter.q ? { q: filter.q } : {}),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Units to choose from (predecessors, successors, parents): a search over every unit. */
export function useUnitOptions(q: string) {
  return useQuery({
    queryKey: ['units', 'options', q] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/units', {
          params: { query: { limit: 50, include_inactive: true, ...(q ? { q } : {}) } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(code: string) {
  return useQuery({
    queryKey: adminUnitKeys.one(code),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/units/{code}', { params: { path: { code } }, signal })),
  });
}

/** A unit's lineage: predecessors and successors over every generation, and the links. */
export function useUnitHistory(code: string) {
  return useQuery({
    queryKey: adminUnitKeys.history(code),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/units/{code}/history', { params: { path: { code } }, signal })),
  });
}

function useRefreshUnits() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminUnitKeys.all });
    void queryClient.invalidateQueries({ queryKey: unitKeys.groups });
  };
}

export function useCreateUnit() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: (body: UnitCreate) => unwrap(api.POST('/api/v1/units', { body })),
    meta: { inlineErrors: true },
    onSuccess: refresh,
  });
}

export function useUpdateUnit() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: UnitUpdate }) =>
      unwrap(api.PATCH('/api/v1/units/{code}', { params: { path: { code } }, body })),
    meta: { inlineErrors: true },
    onSuccess: refresh,
  });
}

export interface CloseRequest {
  code: string;
  validTo: string;
  confirmRounds: boolean;
}

/** Close a unit (its last day); 409 `unit.close_in_round` until the admin confirms. */
export function useCloseUnit() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: ({ code, validTo, confirmRounds }: CloseRequest) =>
      unwrap(
        api.POST('/api/v1/units/{code}/close', {
          params: { path: { code } },
          body: { valid_to: validTo, confirm_rounds: confirmRounds },
        }),
      ),
    meta: { inlineErrors: true },
    onSuccess: refresh,
  });
}

/** Open a closed unit again (its end date cleared). */
export function useReopenUnit() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(
        api.PATCH('/api/v1/units/{code}', {
          params: { path: { code } },
          body: { valid_to: null, confirm_rounds: false },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useReorganise() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: (body: Reorganisation) =>
      unwrap(api.POST('/api/v1/unit-reorganisations', { body })),
    meta: { inlineErrors: true },
    onSuccess: refresh,
  });
}

export function useCreateGroup() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: (body: GroupCreate) => unwrap(api.POST('/api/v1/unit-groups', { body })),
    meta: { inlineErrors: true },
    onSuccess: refresh,
  });
}

export function useUpdateGroup() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: GroupUpdate }) =>
      unwrap(api.PATCH('/api/v1/unit-groups/{code}', { params: { path: { code } }, body })),
    meta: { inlineErrors: true },
    onSuccess: refresh,
  });
}

export function useDeleteGroup() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(api.DELETE('/api/v1/unit-groups/{code}', { params: { path: { code } } })),
    onSuccess: refresh,
  });
}

/** Download the units import template. */
export async function downloadUnitTemplate(): Promise<void> {
  const blob = await unwrap(api.GET('/api/v1/units/import/template', { parseAs: 'blob' }));
  saveFile(blob, 'mau-nhap-don-vi.xlsx');
}

/** Send the sheet: a dry run reports every row error; applying writes every row or none. */
export function useImportUnits() {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      postWithProgress<UnitImportReport>({
        path: `/api/v1/units/import?dry_run=${String(dryRun)}`,
        body: file,
        headers: { 'Content-Type': XLSX_TYPE },
        onProgress: () => undefined,
      }),
    meta: { inlineErrors: true },
    onSuccess: (_report, { dryRun }) => {
      if (!dryRun) refresh();
    },
  });
}
