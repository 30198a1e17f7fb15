export { AssociationsPage } from './AssociationsPage';
export { AssociationBrand } from './AssociationBrand';
