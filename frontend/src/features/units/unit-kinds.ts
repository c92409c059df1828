import type { TFunction } from 'i18next';

import type { components } from '@/api/schema';

type UnitKind = NonNullable<components['schemas']['UnitUpdate']['kind']>;

// Every kind the API accepts: a Record over the API's enum, so a new kind fails the type check
// until it is named here and in the translations.
const KINDS: Record<UnitKind, true> = {
  department: true,
  agency: true,
  province: true,
  city: true,
  district: true,
  rural_district: true,
  town: true,
  ward: true,
  commune: true,
  township: true,
  special_zone: true,
};

/** Every kind, in the order the API lists them. */
export const UNIT_KINDS = Object.keys(KINDS) as UnitKind[];

function isKnownKind(kind: string): kind is UnitKind {
  return Object.hasOwn(KINDS, kind);
}

/** A unit kind's name; a kind the UI does not know yet shows as its code. */
export function unitKindLabel(kind: string, t: TFunction): string {
  return isKnownKind(kind) ? t(`unitKinds.${kind}`) : kind;
}
