import type { LobbyResponse } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import type { DeliveryService } from '../delivery/index.js';
import type { AdmissionService } from '../sittings/index.js';

export type CandidateLobby = ReturnType<typeof createCandidateLobby>;

/** The candidate's side of proctoring: their sitting before it starts, and their attempt. */
export function createCandidateLobby(deps: {
  admission: Pick<AdmissionService, 'openEnrolmentFor'>;
  delivery: Pick<DeliveryService, 'monitor'>;
}) {
  async function openEnrolment(candidateId: string) {
    const found = await deps.admission.openEnrolmentFor(candidateId);
    if (!found) {
      throw new AppError(
        'NO_OPEN_SITTING',
        'You are not enrolled in a sitting that is open now.',
        404,
      );
    }
    return found;
  }

  return {
    async lobby(candidateId: string): Promise<LobbyResponse> {
      const { sitting, entry } = await openEnrolment(candidateId);
      return {
        sitting: {
          name: sitting.name,
          startsAt: sitting.startsAt?.getTime() ?? null,
          timeZone: sitting.timeZone,
          location: sitting.location,
          remote: sitting.remote,
        },
        examEndorsement: entry.examEndorsement,
        admitted: entry.admittedAt !== null,
      };
    },

    /** The candidate's own attempt in the sitting open now, for redeeming a resume code. */
    async attemptOf(candidateId: string): Promise<string> {
      const { entry } = await openEnrolment(candidateId);
      const ids = await deps.delivery.monitor.attemptsByEnrolment([entry.enrolmentId]);
      const attemptId = ids.get(entry.enrolmentId);
      if (!attemptId) {
        throw new AppError(
          'NO_ATTEMPT',
          'Your exam has not been opened on any device yet: open it to begin.',
          409,
        );
      }
      return attemptId;
    },
  };
}
