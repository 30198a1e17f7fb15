import { useState } from 'react';
import { mailStatuses, type MailStatusName } from '@exam/shared/api';
import { formatDate, useViewerZone } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { listMail } from './mail.api';
import { MailMessageView } from './MailMessageView';

/**
 * Every message the platform sent or is sending: on the embedded default (no SMTP) this is the
 * mailbox itself; with SMTP, the queue, the failures with their error, and the uncertain ones an
 * administrator decides (resend or mark sent).
 */
export function MailPage() {
  const zone = useViewerZone();
  const [status, setStatus] = useState<MailStatusName | ''>('');
  const [open, setOpen] = useState<string | null>(null);
  const { state, reload } = useLoad((signal) => listMail(status, signal), [status]);

  return (
    <Page title="Mail">
      {state.status === 'loaded' ? (
        <p>
          {state.data.delivery === 'catcher'
            ? 'No mail server is set (SMTP_URL): messages are kept here instead of being sent.'
            : 'Messages are sent through the mail server set in SMTP_URL.'}{' '}
          {mailStatuses.map((s) => `${s}: ${state.data.counts[s]}`).join(', ')}. Times in {zone}.
        </p>
      ) : null}
      <label>
        Status{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as MailStatusName | '')}>
          <option value="">Any</option>
          {mailStatuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <FormError message={state.status === 'failed' ? state.message : null} />
      <StatusMessage message={state.status === 'loading' ? 'Loading mail…' : null} />
      {state.status === 'loaded' ? (
        <table>
          <caption>Messages, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Sent</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {state.data.messages.map((m) => (
              <tr key={m.id}>
                <td>
                  <button type="button" aria-pressed={open === m.id} onClick={() => setOpen(m.id)}>
                    {m.subject}
                  </button>
                </td>
                <td>{m.to}</td>
                <td>{m.status}</td>
                <td>{formatDate(m.createdAt, zone)}</td>
                <td>{formatDate(m.sentAt, zone)}</td>
                <td>{m.attempts}</td>
                <td>{m.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open ? <MailMessageView key={open} mailId={open} zone={zone} onChanged={reload} /> : null}
    </Page>
  );
}
