import { useEffect, useState } from 'react';
import { formatRemaining } from '@exam/shared/domain';
import type { LobbyResponse } from '@exam/shared/api';
import { messageOf } from '../../../lib/api';
import type { ExamState } from '../exam-state';
import { fetchLobby } from './lobby.api';

function startTime(lobby: LobbyResponse): string {
  if (lobby.sitting.startsAt === null) return 'To be announced';
  const when = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: lobby.sitting.timeZone,
  }).format(lobby.sitting.startsAt);
  return `${when} (${lobby.sitting.timeZone})`;
}

/** The sitting as the candidate needs to know it before starting, with their own time allowed. */
export function SittingDetails({ state }: { state: ExamState }) {
  const [lobby, setLobby] = useState<LobbyResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchLobby(controller.signal).then(setLobby, (error: unknown) => {
      if (!controller.signal.aborted) setProblem(messageOf(error));
    });
    return () => controller.abort();
  }, []);
  const allowed = (part: 1 | 2) => {
    const clock = state.parts.find((p) => p.part === part);
    return clock ? formatRemaining(clock.allowedMs) : '–';
  };

  return (
    <section aria-labelledby="sitting-heading" className="sitting-details">
      <h2 id="sitting-heading">Your sitting</h2>
      {problem && <p className="form-error">{problem}</p>}
      <dl className="details">
        <div>
          <dt>Sitting</dt>
          <dd>{lobby?.sitting.name ?? state.sittingName}</dd>
        </div>
        {lobby && (
          <>
            <div>
              <dt>Starts</dt>
              <dd>{startTime(lobby)}</dd>
            </div>
            <div>
              <dt>Where</dt>
              <dd>
                {lobby.sitting.remote ? 'Remote' : (lobby.sitting.location ?? 'As announced')}
              </dd>
            </div>
            <div>
              <dt>Endorsement</dt>
              <dd>{lobby.examEndorsement}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Part One</dt>
          <dd>
            {state.questions.length} multiple-choice questions; your time: {allowed(1)}
          </dd>
        </div>
        <div>
          <dt>Part Two</dt>
          <dd>Written responses to vignettes; your time: {allowed(2)}</dd>
        </div>
      </dl>
    </section>
  );
}
