export { publishKeys, useCreateScoreRun, useScoreRuns } from './api/publish';
export type { ScoreRun } from './api/publish';
export { RunKindTag } from './components/RunKindTag';
export { ComputeRunButton, ScoreRunsTable } from './components/ScoreRunsTable';
