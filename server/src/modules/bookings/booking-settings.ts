import type { BookingSettings, CurrentUser } from '@exam/shared/api';
import { withinScope, type AssociationScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import * as repo from './authorisations.repo.js';
import type { BookingsDeps } from './bookings.deps.js';
import { defaultBookingSettings } from './booking-rules.js';

/** An association's booking rules as stored, or the defaults when it never set them. */
export async function settingsFor(db: DbOrTx, associationId: string): Promise<BookingSettings> {
  const row = (await repo.settingsOf(db, [associationId])).get(associationId);
  if (!row) return defaultBookingSettings;
  return {
    windowKind: row.windowKind === 'sittings' ? 'sittings' : 'months',
    windowMonths: row.windowMonths,
    windowSittings: row.windowSittings,
    reminderDays: row.reminderDays,
    noShowCountsAsAttempt: row.noShowCountsAsAttempt,
    accommodationRequestDays: row.accommodationRequestDays,
    deadlineReminderDays: row.deadlineReminderDays,
  };
}

/**
 * A coordinator's read and change of their association's booking rules (authorisation window,
 * reminders, no-shows, request deadlines); a change is audited in its transaction. Part of the
 * authorisations service (authorisations.service.ts).
 */
export function createBookingSettings(deps: Pick<BookingsDeps, 'db' | 'clock' | 'audit'>) {
  const { db } = deps;
  return {
    async settings(scope: AssociationScope): Promise<BookingSettings> {
      return withinScope(db, scope, (tx) => settingsFor(tx, scope.associationId));
    },

    async saveSettings(
      actor: CurrentUser,
      scope: AssociationScope,
      input: BookingSettings,
    ): Promise<BookingSettings> {
      return withinScope(db, scope, async (tx) => {
        await repo.saveSettings(tx, {
          associationId: scope.associationId,
          ...input,
          reminderDays: [...new Set(input.reminderDays)].sort((a, b) => b - a),
          updatedAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bookings.settings_changed',
          subjectType: 'association',
          subjectId: scope.associationId,
          details: { ...input },
        });
        return settingsFor(tx, scope.associationId);
      });
    },
  };
}
