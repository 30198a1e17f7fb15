import type { MyAttempt, MyData } from '@exam/shared/api';
import { useLoad } from '../../lib/use-load';
import { LoadState } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { PathSections } from './PathSections';
import { getMyData, MY_DATA_PATH } from './privacy.api';
import { plainText } from './plain-text';
import { useFormatDate } from '../../lib/dates';

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AttemptSection({ attempt, sitting }: { attempt: MyAttempt; sitting: string }) {
  const when = useFormatDate('—');
  const answered = attempt.answers.filter((a) => a.choice !== null).length;
  return (
    <section aria-labelledby={`attempt-${attempt.id}`}>
      <h3 id={`attempt-${attempt.id}`}>Your exam at {sitting}</h3>
      <Facts
        rows={[
          ['Opened', when(attempt.createdAt)],
          ...attempt.parts.map((p): [string, string] => [
            `Part ${p.part}`,
            `started ${when(p.startedAt)}, ${p.closedStatus ?? 'open'} ${when(p.closedAt)}`,
          ]),
          ['Part One answers', `${answered} answered, ${attempt.answerHistory.length} changes`],
          ['Clock events', String(attempt.clockEvents.length)],
        ]}
      />
      {attempt.responsesPurged ? (
        <p>Your written responses were removed after your association&apos;s retention period.</p>
      ) : (
        attempt.responses.map((r) => (
          <figure key={r.vignette} className="response-text">
            <figcaption>
              Part Two, vignette {r.vignette} ({r.words} words)
            </figcaption>
            <p style={{ whiteSpace: 'pre-wrap' }}>{plainText(r.doc).trim()}</p>
          </figure>
        ))
      )}
    </section>
  );
}

function DataSections({ data }: { data: MyData }) {
  const when = useFormatDate('—');
  const sittingOf = new Map(data.enrolments.map((e) => [e.id, e.sittingName]));
  return (
    <>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <Facts
          rows={[
            ['Name', data.account.displayName],
            ['Email', data.account.email],
            ['Created', when(data.account.createdAt)],
            [
              'Associations',
              data.memberships
                .map((m) => `${m.associationName} (${m.roles.join(', ')})`)
                .join('; ') || '—',
            ],
            ['Sign-ins kept', String(data.sessions.length)],
          ]}
        />
      </section>
      {data.profile && (
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">Your endorsement and accommodations</h2>
          <Facts
            rows={[
              ['Endorsement', `${data.profile.endorsement}, ${data.profile.category}`],
              ['Time multiplier', String(data.profile.accommodations.timeMultiplier)],
              ['Rest breaks', data.profile.accommodations.breaks ? 'yes' : 'no'],
              ['Notes', data.profile.accommodations.notes ?? '—'],
            ]}
          />
        </section>
      )}
      <section aria-labelledby="enrolments-heading">
        <h2 id="enrolments-heading">Your sittings</h2>
        {data.enrolments.length === 0 ? (
          <p>You are not enrolled in any sitting.</p>
        ) : (
          <ul>
            {data.enrolments.map((e) => (
              <li key={e.id}>
                {e.sittingName}, {e.associationName} ({e.examEndorsement}), enrolled{' '}
                {when(e.enrolledAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <PathSections data={data} />
      {data.attempts.length > 0 && (
        <section aria-labelledby="attempts-heading">
          <h2 id="attempts-heading">Your exams</h2>
          {data.attempts.map((a) => (
            <AttemptSection key={a.id} attempt={a} sitting={sittingOf.get(a.enrolmentId) ?? ''} />
          ))}
        </section>
      )}
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Your results and letters</h2>
        <p>
          {data.results.length} released result(s), {data.letters.length} letter(s) issued,{' '}
          {data.incidents.length} incident(s) recorded about you.
        </p>
        <ul>
          {data.results.map((r) => (
            <li key={r.attemptId}>
              Released {when(r.releasedAt)}: {r.passed ? 'passed' : 'not passed'}
            </li>
          ))}
          {data.incidents.map((i) => (
            <li key={`${i.recordedAt}-${i.note}`}>
              Incident ({i.category}) {when(i.recordedAt)}: {i.note}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">What was done with your data</h2>
        <p>{data.audit.length} entries in the audit log are about you or by you.</p>
      </section>
    </>
  );
}

/**
 * Everything the platform holds about the signed-in person: readable here (and printable), and
 * downloadable whole as JSON, the machine-readable copy.
 */
export function MyDataPage() {
  const { state } = useLoad((signal) => getMyData(signal), []);
  return (
    <Page title="Your data">
      <p>
        Everything this platform holds about you. The download has every detail, as data another
        program can read; this page shows it in words.
      </p>
      <p className="actions no-print">
        <a href={MY_DATA_PATH} download="my-data.json">
          Download all your data (JSON)
        </a>
        <button type="button" onClick={() => window.print()}>
          Print this page
        </button>
      </p>
      <LoadState state={state} what="your data" />
      {state.status === 'loaded' && <DataSections data={state.data} />}
    </Page>
  );
}
