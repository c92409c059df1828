export { CommentThread } from './components/CommentThread';
export { ReviewPanel } from './components/ReviewPanel';
export { acceptPending } from './api/review';
export { REVIEWER_ROLES } from './roles';
export { AcceptPendingButton } from './components/AcceptPendingButton';
