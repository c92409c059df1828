export { useUnitGroups, useUnits } from './api/units';
export { unitKindLabel } from './unit-kinds';
