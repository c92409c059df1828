export { downloadProgress, useProgress } from './api/progress';
