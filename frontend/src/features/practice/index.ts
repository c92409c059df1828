export { CreatePracticeModal } from './components/CreatePracticeModal';
export { PracticeActions } from './components/PracticeActions';
