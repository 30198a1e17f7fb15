export { MyDataPage } from './MyDataPage';
export { RetentionPage } from './RetentionPage';
