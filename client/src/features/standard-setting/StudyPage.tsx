import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { StudyDetail } from '@exam/shared/api';
import { messageOf } from '../../lib/api';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { useLoad } from '../../lib/use-load';
import {
  addPanelist,
  adoptCut,
  getStudy,
  listPanelists,
  openRoundTwo,
} from './standard-setting.api';
import { AdoptForm } from './AdoptForm';
import { RoundTable } from './RoundTable';
import { studyStatusLabels } from '../../lib/labels';
import { percent } from '../../lib/format';
import { useFormatDate } from '../../lib/dates';

/**
 * One study for the coordinator: the panel, each round's figures, round 2, adoption. A press
 * while an action is on its way sends nothing (a double press of 'Open round 2' or 'Adopt cut'
 * sent two, the second refused beside the first's success), and focus moves to what the action
 * changed, since the control pressed is gone or disabled after it.
 */
export function StudyPage() {
  const { id = '' } = useParams();
  const load = useCallback(
    async (signal: AbortSignal) => ({
      study: await getStudy(id, signal),
      panelists: await listPanelists(signal),
    }),
    [id],
  );
  const { state, reload } = useLoad(load, [id]);
  const when = useFormatDate();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canEdit = useCanEditProgrammeContent();
  const acting = useRef(false);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    const target = focusNext.current && document.getElementById(focusNext.current);
    if (target) {
      target.focus();
      focusNext.current = null;
    }
  });

  async function act(run: () => Promise<StudyDetail>, done: string, focusId: string) {
    if (acting.current) return;
    acting.current = true;
    setError(null);
    setStatus(null);
    try {
      await run();
      setStatus(done);
      focusNext.current = focusId;
      reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      acting.current = false;
    }
  }

  if (state.status !== 'loaded')
    return (
      <Page title="Standard-setting study">
        {state.status === 'loading' ? (
          <p role="status">Loading the study…</p>
        ) : (
          <FormError message={state.message} />
        )}
      </Page>
    );
  const { study, panelists } = state.data;
  const invitable = panelists.filter((p) => !study.panelistUsers.some((u) => u.id === p.id));
  return (
    <Page title={study.name}>
      <p>
        Form {study.formName} ({study.endorsement}, {study.itemCount} items); its cut today is{' '}
        {study.formCutScore}. Stage: {studyStatusLabels[study.status]}.
      </p>
      {!canEdit && <ProgrammeContentNote what="Standard-setting studies and forms’ cuts" />}
      <StatusMessage message={status} />
      <FormError message={error} />

      <section aria-labelledby="panel-heading">
        <h2 id="panel-heading" tabIndex={-1}>
          Panel
        </h2>
        {study.panelistUsers.length === 0 ? (
          <p>No panelists yet.</p>
        ) : (
          <ul>
            {study.panelistUsers.map((p) => (
              <li key={p.id}>{p.name}</li>
            ))}
          </ul>
        )}
        {canEdit && study.status !== 'adopted' && (
          <InvitePanelist
            options={invitable}
            onInvite={(userId, name) =>
              act(() => addPanelist(study.id, userId), `${name} joined the panel.`, 'panel-heading')
            }
          />
        )}
      </section>

      {study.rounds.map((round) => (
        <RoundTable key={round.round} round={round} itemCount={study.itemCount} />
      ))}

      {study.impact && (
        <section aria-labelledby="impact-heading">
          <h2 id="impact-heading">Impact data</h2>
          <p>
            From {study.impact.sittingName}: {study.impact.candidates} candidate(s) with a closed
            Part One.
          </p>
          <details>
            <summary>Each item&apos;s p-value</summary>
            <table className="data-table">
              <caption>Proportion answering each item correctly</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">p-value</th>
                </tr>
              </thead>
              <tbody>
                {study.impact.pValues.map((p) => (
                  <tr key={p.position}>
                    <th scope="row">{p.position}</th>
                    <td>{percent(p.pValue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      )}

      {canEdit && study.status === 'round1' && (
        <section aria-labelledby="round-two-heading">
          <h2 id="round-two-heading">Round 2</h2>
          <p>
            Opening round 2 fixes round 1 and shows panelists each item&apos;s p-value and the pass
            rate their round 1 cut gives on the form&apos;s last sitting.
          </p>
          <button
            type="button"
            onClick={() =>
              void act(() => openRoundTwo(study.id), 'Round 2 is open.', 'round-2-heading')
            }
          >
            Open round 2
          </button>
        </section>
      )}

      {study.adoption ? (
        <section aria-labelledby="adopted-heading">
          <h2 id="adopted-heading" tabIndex={-1}>
            Adopted cut
          </h2>
          <p>
            {study.adoption.cutScore} of {study.itemCount}, adopted by {study.adoption.adoptedBy} on{' '}
            {when(study.adoption.adoptedAt, 'date')} (recommended{' '}
            {study.adoption.recommendedCut ?? '–'}).
            {study.adoption.reason && ` Reason: ${study.adoption.reason}`}
          </p>
        </section>
      ) : (
        canEdit && (
          <AdoptForm
            study={study}
            onAdopt={(request) =>
              act(
                () => adoptCut(study.id, request),
                `Cut ${request.cutScore} adopted for ${study.formName}.`,
                'adopted-heading',
              )
            }
          />
        )
      )}
    </Page>
  );
}

function InvitePanelist(props: {
  options: { id: string; name: string }[];
  onInvite(userId: string, name: string): Promise<void>;
}) {
  const id = useId();
  const [userId, setUserId] = useState('');
  const chosen = props.options.find((o) => o.id === userId);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen) void props.onInvite(chosen.id, chosen.name).then(() => setUserId(''));
  }
  if (props.options.length === 0)
    return <p className="hint">Every user holding the panelist role is on this panel.</p>;
  return (
    <form onSubmit={submit} className="inline-form">
      <div className="field">
        <label htmlFor={id}>Invite a panelist</label>
        <select id={id} value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Choose a panelist</option>
          {props.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={!chosen}>
        Add to panel
      </button>
    </form>
  );
}
