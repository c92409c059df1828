export { UrgeModal } from './components/UrgeModal';
