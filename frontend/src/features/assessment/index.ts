export { downloadEvidence } from './api/assessment';
