export { QtiImportPage } from './QtiImportPage';
export { ReviewPanel } from './ReviewPanel';
export { bankExportUrl, formExportUrl } from './bank-exchange.api';
