export { PUBLIC_ROOT, methodologyPath, resultsPath, unitPath } from './paths';
