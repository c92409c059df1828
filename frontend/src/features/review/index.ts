export { CommentThread } from './components/CommentThread';
export { ReviewPanel } from './components/ReviewPanel';
export { acceptPending } from './api/review';
export { AcceptPendingButton } from './components/AcceptPendingButton';
