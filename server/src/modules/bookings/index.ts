export { createBookingsModule } from './bookings.module.js';
export type { BookingsModule } from './bookings.module.js';
export type { BookingDateSources, BookingsDeps } from './bookings.deps.js';
export type { AuthorisationsService, GrantAuthorisation } from './authorisations.service.js';
export { createExpiryReminders } from './reminders.js';
export { settingsFor as bookingSettingsFor } from './authorisations.service.js';
export { importAuthorisations, importSeatSettings } from './bookings.import.js';
export { bookingDataOf } from './bookings.privacy.js';
export type { AuthorisationData, BookingData } from './bookings.privacy.js';
