export { createBookingsModule } from './bookings.module.js';
export type { BookingsModule } from './bookings.module.js';
export type { BookingDateSources, BookingsDeps } from './bookings.deps.js';
export type { AuthorisationsService, GrantAuthorisation } from './authorisations.service.js';
export { createExpiryReminders } from './reminders.js';
export { createDeadlineReminders } from './deadline-reminders.js';
export { settingsFor as bookingSettingsFor } from './authorisations.service.js';
