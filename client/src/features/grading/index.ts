export { GradersPage } from './GradersPage';
export { GradingQueuePage } from './GradingQueuePage';
export { RubricsPage } from './RubricsPage';
export { ScoreResponsePage } from './ScoreResponsePage';
