export { useUnitResult } from './api/feedback';
export type { UnitResult } from './api/feedback';
export { CriteriaTable } from './components/CriteriaTable';
export { UnitTotalCard } from './components/UnitTotalCard';
