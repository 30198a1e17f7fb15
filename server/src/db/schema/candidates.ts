import {
  boolean,
  doublePrecision,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';

/**
 * A candidate's standing facts: endorsement, category and track, and the accommodations that
 * apply to every sitting they take (so nobody has to set them exam by exam).
 */
export const candidateProfiles = pgTable('candidate_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  endorsement: text('endorsement').notNull(),
  category: text('category').notNull(),
  /** Mentor track (clinical, policy, research-faculty); null for Specialists. */
  track: text('track'),
  timeMultiplier: doublePrecision('time_multiplier').notNull().default(1),
  extraMinutesPart1: integer('extra_minutes_part1').notNull().default(0),
  extraMinutesPart2: integer('extra_minutes_part2').notNull().default(0),
  /** Rest breaks allowed; the proctor pauses the clock for each one. */
  breaks: boolean('breaks').notNull().default(false),
  largeText: boolean('large_text').notNull().default(false),
  highContrast: boolean('high_contrast').notNull().default(false),
  accommodationNotes: text('accommodation_notes'),
  accommodationApprovedBy: uuid('accommodation_approved_by'),
  accommodationValidUntil: timestamp('accommodation_valid_until', { withTimezone: true }),
});
