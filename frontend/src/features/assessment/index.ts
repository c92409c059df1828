export { assessmentPath } from './paths';
export { downloadEvidence } from './api/assessment';
