export { clientStatus, expandScopes, mergeScopes } from './scopes';
