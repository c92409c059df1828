export { useCriteria, useFrameworks } from './api/frameworks';
