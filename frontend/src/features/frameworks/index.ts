export { useCriteria, useElements, useFrameworks } from './api/frameworks';
export { FrameworkNotice } from './components/FrameworkNotice';
export { describeRule, ruleKindLabel } from './rules';
export type { OptionLabel } from './rules';
