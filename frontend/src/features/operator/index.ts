export { OperatorSync } from './components/OperatorSync';
