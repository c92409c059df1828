export { downloadProgress, useProgress } from './api/progress';
export { GroupSummary } from './components/GroupSummary';
export { formatPercentNumber } from './percent';
