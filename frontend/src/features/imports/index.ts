export { IMPORT_ROLES } from './roles';
