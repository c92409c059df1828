export { useCriteria, useElements, useFrameworks } from './api/frameworks';
export { describeRule, ruleKindLabel } from './rules';
export type { OptionLabel } from './rules';
