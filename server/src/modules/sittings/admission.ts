import type { Db, DbOrTx } from '../../db/client.js';
import { programmeScope, type Scope } from '../../db/association-scope.js';
import { userNamesByIds } from '../auth/index.js';
import * as repo from './admission.repo.js';
import { associationRulesOf } from '../auth/index.js';
import { isLate, sittingTimes } from './sitting-clock.rules.js';
import { findOpenEnrolment } from './enrolments.repo.js';
import { lockRoomPause, roomPauseOf, setRoomPause, type RoomPause } from './room-pause.repo.js';
import { findSitting } from './sittings.repo.js';

/** A sitting as the proctor console and the candidate lobby see it. */
export interface ProctoredSitting {
  id: string;
  /** The association that runs it: a caller may compare it with the asker's. */
  associationId: string;
  name: string;
  status: string;
  startsAt: Date | null;
  timeZone: string;
  location: string | null;
  remote: boolean;
  /** Admission goes through an identity check-in (policy `identityCheck`; default: remote). */
  identityCheck: boolean;
}

/** One enrolment on a sitting's roster, with the name a proctor checks identity against. */
export interface RosterEntry {
  enrolmentId: string;
  sittingId: string;
  candidateId: string;
  name: string;
  email: string;
  examEndorsement: string;
  category: string;
  track: string | null;
  admittedAt: Date | null;
  /** The parts this enrolment sits: both, or one for a retake by part. */
  parts: number[];
}

/** Adds each candidate's name and email (auth's data, read through its index); unknown ids drop out. */
async function withNames(
  db: DbOrTx,
  rows: readonly Omit<RosterEntry, 'name' | 'email'>[],
): Promise<RosterEntry[]> {
  const names = await userNamesByIds(
    db,
    rows.map((r) => r.candidateId),
  );
  return rows.flatMap((row) => {
    const user = names.get(row.candidateId);
    return user ? [{ ...row, name: user.displayName, email: user.email }] : [];
  });
}

export type AdmissionService = ReturnType<typeof createAdmissionService>;

/**
 * The proctor's side of sittings: who is assigned to watch which sitting, the roster, and
 * admission after an identity check. Kept apart from the coordinator's sittings service so
 * each can change without the other.
 */
export function createAdmissionService(deps: { db: Db }) {
  const { db } = deps;

  /** The proctor's reads and admission, limited to what `scope` reaches. */
  function scoped(scope: Scope) {
    function findSitting(sittingId: string): Promise<ProctoredSitting | undefined> {
      return repo.findSitting(db, scope, sittingId);
    }

    async function rosterEntry(enrolmentId: string): Promise<RosterEntry | undefined> {
      return (await withNames(db, await repo.rosterEntry(db, scope, enrolmentId)))[0];
    }

    return {
      findSitting,

      isAssignedProctor(sittingId: string, userId: string): Promise<boolean> {
        return repo.isAssignedProctor(db, scope, sittingId, userId);
      },

      /** Sittings in the order a proctor needs them; `assignedTo` limits them to one proctor's. */
      listSittings(options: {
        assignedTo?: string;
        statuses: readonly string[];
      }): Promise<(ProctoredSitting & { candidateCount: number })[]> {
        return repo.listSittings(db, scope, options);
      },

      async roster(sittingId: string): Promise<RosterEntry[]> {
        // By name, as a proctor scans it.
        const rows = await withNames(db, await repo.roster(db, scope, sittingId));
        return rows.sort((a, b) => a.name.localeCompare(b.name, 'en'));
      },

      rosterEntry,

      /** The room's pause in force (since when, its incident), or undefined. */
      roomPause(sittingId: string): Promise<RoomPause | undefined> {
        return roomPauseOf(db, scope, sittingId);
      },

      /**
       * Locks the sitting's row for a room-wide pause or resume inside the caller's transaction,
       * before anything the pause names is written, with the room's state (room-pause.repo.ts).
       */
      lockRoomPause(tx: DbOrTx, sittingId: string) {
        return lockRoomPause(tx, scope, sittingId);
      },

      /**
       * Sets or clears the room-wide pause inside the caller's transaction (room-pause.repo.ts);
       * false when the scope does not reach the sitting.
       */
      setRoomPause(tx: DbOrTx, sittingId: string, pause: RoomPause | null): Promise<boolean> {
        return setRoomPause(tx, scope, sittingId, pause);
      },

      /** Marks the enrolment admitted inside the caller's transaction; false if it already was. */
      admit(tx: DbOrTx, enrolmentId: string, actorId: string, at: Date): Promise<boolean> {
        return repo.admit(tx, scope, enrolmentId, actorId, at);
      },
    };
  }

  // Unscoped callers (the candidate's own lobby, background work) read across the programme;
  // a proctor's request goes through `inScope(scopeOf(actor))` and finds only its association's.
  const programme = scoped(programmeScope);

  return {
    ...programme,

    /** The same reads and admission, limited to one association (a proctor's or coordinator's). */
    inScope: scoped,

    /** Whether `at` is past the sitting's late cutoff (its policy, else its association's rule). */
    async isLateArrival(sittingId: string, at: Date): Promise<boolean> {
      const row = await findSitting(db, programmeScope, sittingId);
      if (!row) return false;
      const rules = (await associationRulesOf(db, [row.associationId])).get(row.associationId);
      const times = rules ? sittingTimes(row, rules) : null;
      return times !== null && isLate(times, at);
    },

    /** The candidate's enrolment in the sitting open now, for the lobby. */
    async openEnrolmentFor(
      candidateId: string,
    ): Promise<{ sitting: ProctoredSitting; entry: RosterEntry } | undefined> {
      const found = await findOpenEnrolment(db, programmeScope, candidateId);
      if (!found) return undefined;
      const entry = await programme.rosterEntry(found.enrolment.id);
      const sitting = await programme.findSitting(found.sitting.id);
      return entry && sitting ? { sitting, entry } : undefined;
    },
  };
}
