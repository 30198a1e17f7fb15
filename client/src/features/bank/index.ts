/** The item bank: items, blueprints and assembled Part One forms, as the server's bank module. */
export { BankItemPage } from './BankItemPage';
export { BankItemsPage } from './BankItemsPage';
export { FormPreviewPage } from './FormPreviewPage';
export { FormsPage } from './FormsPage';
export { listForms } from './bank.api';
