/** A candidate's Part Two responses, their saved versions and restoring one. */
export { AttemptResponsesPage, attemptResponsesPath } from './AttemptResponsesPage';
export { ResponseHistoryPage } from './ResponseHistoryPage';
