export { assessmentKeys, downloadEvidence } from './api/assessment';
