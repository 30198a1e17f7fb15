import { useState } from 'react';
import { messageOf } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { useLoad } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { getMail, resolveMail } from './mail.api';

/**
 * Links in a message open in a new tab: the frame is sandboxed without scripts or same-origin,
 * so the message cannot touch this page, and a <base target> makes every link leave the frame.
 */
function framed(html: string): string {
  const base = '<base target="_blank">';
  return /<head>/i.test(html) ? html.replace(/<head>/i, `<head>${base}`) : base + html;
}

/** One message as its recipient sees it (HTML and text), with the decisions it may need. */
export function MailMessageView(props: { mailId: string; zone: string; onChanged: () => void }) {
  const { state, reload } = useLoad((signal) => getMail(props.mailId, signal), [props.mailId]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function decide(action: 'resend' | 'mark-sent') {
    setError(null);
    try {
      await resolveMail(props.mailId, action);
      setDone(action === 'resend' ? 'Queued to be sent again.' : 'Marked as sent.');
      reload();
      props.onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  if (state.status === 'loading') return <StatusMessage message="Loading the message…" />;
  if (state.status === 'failed') return <FormError message={state.message} />;
  const mail = state.data;
  const decidable = mail.status === 'uncertain' || mail.status === 'failed';
  return (
    <section aria-labelledby="mail-message-heading">
      <h2 id="mail-message-heading">{mail.subject}</h2>
      <dl>
        <dt>From</dt>
        <dd>{mail.from}</dd>
        <dt>To</dt>
        <dd>{mail.recipientName ? `${mail.recipientName} <${mail.to}>` : mail.to}</dd>
        <dt>Status</dt>
        <dd>
          {mail.status}
          {mail.sentAt ? `, ${formatDate(mail.sentAt, props.zone)}` : ''}
        </dd>
        {mail.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>{mail.lastError}</dd>
          </>
        ) : null}
        {mail.attachments.length > 0 ? (
          <>
            <dt>Attachments</dt>
            <dd>{mail.attachments.map((a) => `${a.filename} (${a.contentType})`).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {decidable ? (
        <p>
          <button type="button" onClick={() => void decide('resend')}>
            Resend
          </button>{' '}
          <button type="button" onClick={() => void decide('mark-sent')}>
            Mark as sent
          </button>
        </p>
      ) : null}
      <FormError message={error} />
      <StatusMessage message={done} />
      <h3>As the recipient sees it</h3>
      <iframe
        title={`Message: ${mail.subject}`}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={framed(mail.html)}
        style={{ width: '100%', minHeight: '28rem', border: '1px solid #888' }}
      />
      <h3>Plain-text version</h3>
      <pre style={{ whiteSpace: 'pre-wrap' }}>{mail.text}</pre>
    </section>
  );
}
