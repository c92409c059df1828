export { ASSESSMENT_READER_ROLES, assessmentPath } from './paths';
