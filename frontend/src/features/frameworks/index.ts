export { useCriteria, useElements, useFrameworks } from './api/frameworks';
export { proposalLinksKey, useFrameworkProposals } from './api/proposal-links';
export type { ProposalLink } from './api/proposal-links';
export { ProposalLinks } from './components/ProposalLinks';
export { FrameworkNotice } from './components/FrameworkNotice';
export { describeRule, ruleKindLabel } from './rules';
export type { OptionLabel } from './rules';
