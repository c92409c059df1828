export { CommentThread } from './components/CommentThread';
export { ReviewPanel } from './components/ReviewPanel';
export { AcceptPendingButton } from './components/AcceptPendingButton';
