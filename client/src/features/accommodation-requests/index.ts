export { AccommodationRequestsPage } from './AccommodationRequestsPage';
export { MyAccommodationRequestsPage } from './MyAccommodationRequestsPage';
