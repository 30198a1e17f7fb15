export { ExamPage } from './ExamPage';
// The proctor dashboard shares the exam's socket seam and its ticking clock.
export type { SocketLike } from './exam-connection';
export { useNow } from './use-exam-client';
