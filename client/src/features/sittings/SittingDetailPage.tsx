import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { SittingDetail } from '@exam/shared/api';
import { sittingStatusLabels } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { LateChangesPanel } from '../proctoring';
import { listVignetteSets } from '../vignettes';
import { CsvImportPanel } from './CsvImportPanel';
import { EnrolOneForm } from './EnrolOneForm';
import { ProctorsPanel } from './ProctorsPanel';
import { RosterTable } from './RosterTable';
import { exportUrl, getSitting, listEnrolments } from './sittings.api';
import { placeText, whenText } from './SittingsPage';
import { SittingClockPanel } from './SittingClockPanel';
import { SittingStatusPanel } from './SittingStatusPanel';

/** One sitting: its details, its state and what stops it opening, its roster and enrolment. */
export function SittingDetailPage() {
  const { id = '' } = useParams();
  const sitting = useLoad((signal) => getSitting(id, signal), [id]);
  const roster = useLoad((signal) => listEnrolments(id, signal), [id]);
  const sets = useLoad((signal) => listVignetteSets(signal), []);
  const reloadRoster = roster.reload;
  const reloadSitting = sitting.reload;
  const enrolled = useCallback(() => {
    reloadRoster();
    reloadSitting();
  }, [reloadRoster, reloadSitting]);

  const title = sitting.state.status === 'loaded' ? sitting.state.data.name : 'Sitting';
  return (
    <Page title={title}>
      <ConsoleNav />
      <LoadState state={sitting.state} what="the sitting" />
      {sitting.state.status === 'loaded' && (
        <>
          <SittingFacts
            sitting={sitting.state.data}
            setTitles={
              sets.state.status === 'loaded'
                ? new Map(sets.state.data.map((s) => [s.id, s.title]))
                : new Map()
            }
          />
          <SittingStatusPanel sitting={sitting.state.data} onChanged={sitting.set} />
          <SittingClockPanel
            sittingId={id}
            timeZone={sitting.state.data.timeZone}
            onChanged={reloadSitting}
          />
          {sitting.state.data.status === 'open' && (
            <ProctorsPanel sitting={sitting.state.data} onChanged={sitting.set} />
          )}
          <section aria-labelledby="roster-heading">
            <h2 id="roster-heading">Candidates</h2>
            <LoadState state={roster.state} what="the roster" />
            {roster.state.status === 'loaded' && (
              <RosterTable
                sittingId={id}
                enrolments={roster.state.data}
                canWithdraw={sitting.state.data.editable}
                onWithdrawn={enrolled}
              />
            )}
            <p className="exports">
              <a href={exportUrl(id, 'roster')} download>
                Download the roster (CSV)
              </a>
              <a href={exportUrl(id, 'attempts')} download>
                Download attempt status (CSV)
              </a>
              <Link to={`/coordinator/sittings/${id}/incident-report`}>Incident report</Link>
              <Link to={`/coordinator/sittings/${id}/seats`}>Seats and waitlist</Link>
            </p>
          </section>
          {sitting.state.data.status !== 'draft' && sitting.state.data.status !== 'scheduled' && (
            <LateChangesPanel sittingId={id} timeZone={sitting.state.data.timeZone} />
          )}
          {sitting.state.data.editable && (
            <>
              <EnrolOneForm sittingId={id} onEnrolled={enrolled} />
              <CsvImportPanel sittingId={id} onImported={enrolled} />
            </>
          )}
        </>
      )}
    </Page>
  );
}

function SittingFacts({
  sitting,
  setTitles,
}: {
  sitting: SittingDetail;
  setTitles: Map<string, string>;
}) {
  const { policies } = sitting;
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>{sittingStatusLabels[sitting.status]}</dd>
        </div>
        <div>
          <dt>Application cycle</dt>
          <dd>{sitting.cycleLabel ?? 'Not chosen yet'}</dd>
        </div>
        <div>
          <dt>Starts</dt>
          <dd>
            {whenText(sitting)}; candidates may begin within {sitting.startWindowMinutes} minutes
          </dd>
        </div>
        <div>
          <dt>Place</dt>
          <dd>{placeText(sitting)}</dd>
        </div>
        <div>
          <dt>Timing</dt>
          <dd>
            Part One {sitting.part1Minutes} minutes, Part Two {sitting.part2Minutes} minutes; cut
            score from each form (set by standard setting)
          </dd>
        </div>
        <div>
          <dt>Part Two</dt>
          <dd>
            Spellcheck {policies.spellcheck ? 'on' : 'off'}; pasting{' '}
            {policies.paste === 'plain-text' ? 'as plain text' : policies.paste}; word limit{' '}
            {policies.wordLimit ?? 'none'}
          </dd>
        </div>
        <div>
          <dt>Vignette sets</dt>
          <dd>
            {sitting.vignetteSetIds.length === 0
              ? 'None yet'
              : sitting.vignetteSetIds.map((sid) => setTitles.get(sid) ?? sid).join('; ')}
          </dd>
        </div>
        <div>
          <dt>Proctors</dt>
          <dd>
            {sitting.proctors.length === 0
              ? 'None assigned'
              : sitting.proctors.map((p) => p.displayName).join(', ')}
          </dd>
        </div>
      </dl>
      {sitting.editable && (
        <p>
          <Link to={`/coordinator/sittings/${sitting.id}/edit`}>Edit the sitting</Link>
        </p>
      )}
    </section>
  );
}
