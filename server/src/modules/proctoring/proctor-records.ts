import type { CurrentUser } from '@exam/shared/api';
import type { Clock } from '../../lib/clock.js';
import type { DeliveryService } from '../delivery/index.js';
import type { DisconnectCredits } from './disconnect-credits.js';
import type { IncidentLedger } from './incident-ledger.js';
import type { createProctorAccess } from './proctor-access.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

/**
 * What the console reads of a candidate's and a sitting's record, each after the access check
 * every proctor action makes: the disconnects awaiting a credit decision, the candidate's time
 * ledger and the sitting's incident report. Part of the proctoring service
 * (proctoring.service.ts).
 */
export function createProctorRecords(deps: {
  clock: Clock;
  delivery: Pick<DeliveryService, 'monitor' | 'loadContext' | 'ledger'>;
  credits: Pick<DisconnectCredits, 'list'>;
  incidents: Pick<IncidentLedger, 'list'>;
  access: Pick<ReturnType<typeof createProctorAccess>, 'sittingFor' | 'candidateFor'>;
}) {
  const { delivery, access } = deps;

  /** The candidate's attempt, or undefined before they opened the exam. */
  async function attemptIdOf(enrolmentId: string): Promise<string | undefined> {
    return (await delivery.monitor.attemptsByEnrolment([enrolmentId])).get(enrolmentId);
  }

  return {
    async disconnects(actor: Actor, enrolmentId: string) {
      await access.candidateFor(actor, enrolmentId);
      const attemptId = await attemptIdOf(enrolmentId);
      return attemptId ? deps.credits.list(await delivery.loadContext(attemptId)) : [];
    },

    /** A candidate's time ledger, for the proctor console. */
    async ledger(actor: Actor, enrolmentId: string) {
      const entry = await access.candidateFor(actor, enrolmentId);
      const attemptId = await attemptIdOf(entry.enrolmentId);
      return attemptId ? delivery.ledger.forAttempt(attemptId) : [];
    },

    /** Every incident of the sitting, oldest first, with the time effects each caused. */
    async incidentReport(actor: Actor, sittingId: string) {
      const sitting = await access.sittingFor(actor, sittingId);
      return {
        sitting: { id: sitting.id, name: sitting.name, timeZone: sitting.timeZone },
        generatedAt: deps.clock.now().getTime(),
        incidents: await deps.incidents.list(sittingId, 'oldest'),
      };
    },
  };
}
