export { ASSESSMENT_READER_ROLES, assessmentPath } from './paths';
export { downloadEvidence } from './api/assessment';
