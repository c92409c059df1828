export { publishKeys, useCreateScoreRun, useScoreRuns } from './api/publish';
