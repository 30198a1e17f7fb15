import { useRef, useState, type FormEvent } from 'react';
import type { BankComment } from '@exam/shared/api';
import { competencyDomains } from '@exam/shared/domain';
import { domainLabel } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { CheckboxField, LoadState, SelectField, TextAreaField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { createBankComment, getCommentBankCuration, updateBankComment } from './comment-bank.api';

const domainOptions = competencyDomains.map((d) => ({ value: d, label: domainLabel(d) }));
const levelOptions = [1, 2, 3, 4].map((l) => ({ value: String(l), label: `Level ${l}` }));

/**
 * Curating the feedback comment bank (coordinators, administrators, chief graders): comments
 * per rubric domain and level that graders insert into their evidence and adapt. Retiring a
 * comment takes it off graders' lists and keeps it here.
 */
export function CommentBankPage() {
  const { state, reload } = useLoad((signal) => getCommentBankCuration(signal), []);
  return (
    <Page title="Comment bank">
      <p>
        Graders see the active comments for a criterion&apos;s domain at the level they choose,
        insert one into their evidence and adapt it.
      </p>
      <AddComment onAdded={reload} />
      <h2>Comments</h2>
      <LoadState state={state} what="the comment bank" />
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p>The bank is empty.</p>
        ) : (
          <ul className="plain-list">
            {state.data.map((c) => (
              <li key={c.id}>
                <EditComment comment={c} nth={nthOfItsKind(state.data, c)} />
              </li>
            ))}
          </ul>
        ))}
    </Page>
  );
}

function AddComment({ onAdded }: { onAdded(): void }) {
  const save = useSaver();
  const [domain, setDomain] = useState<string>(competencyDomains[0]);
  const [level, setLevel] = useState('3');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // A double press added the same comment twice: one add at a time.
  const adding = useRef(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (adding.current) return;
    setError(null);
    setStatus(null);
    // Said here, before anything is sent.
    if (!text.trim()) return setError('Write the comment before adding it.');
    adding.current = true;
    const done = await save(() =>
      createBankComment({
        domain: domain as BankComment['domain'],
        level: Number(level),
        text,
      }),
    );
    adding.current = false;
    if (!done.ok) return setError(done.message);
    setText('');
    setStatus(`Added a comment for ${domainLabel(domain)} at level ${level}.`);
    onAdded();
  }

  return (
    <form className="form" aria-labelledby="add-comment-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="add-comment-heading">Add a comment</h2>
      <SelectField label="Domain" value={domain} onChange={setDomain} options={domainOptions} />
      <SelectField label="Level" value={level} onChange={setLevel} options={levelOptions} />
      <TextAreaField label="Comment" value={text} onChange={setText} rows={3} />
      <FormError message={error} />
      <StatusMessage message={status} />
      <button type="submit">Add the comment</button>
    </form>
  );
}

/**
 * Where a comment stands among the bank's comments of its domain and level (1, 2, ...), or
 * undefined when it is the only one: two comments for one cell would otherwise share a name.
 */
function nthOfItsKind(comments: readonly BankComment[], comment: BankComment): number | undefined {
  const kind = comments.filter((c) => c.domain === comment.domain && c.level === comment.level);
  return kind.length > 1 ? kind.indexOf(comment) + 1 : undefined;
}

function EditComment({ comment, nth }: { comment: BankComment; nth: number | undefined }) {
  const save = useSaver();
  const [text, setText] = useState(comment.text);
  const [active, setActive] = useState(comment.active);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const where = `${domainLabel(comment.domain)}, level ${comment.level}${nth ? `, comment ${nth}` : ''}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    if (!text.trim())
      return setError(
        'A comment cannot be empty: to stop offering it, untick “Offered to graders”.',
      );
    const done = await save(() => updateBankComment(comment.id, { text, active }));
    if (!done.ok) return setError(done.message);
    setStatus(`Saved the comment (${where}${done.value.active ? '' : ', retired'}).`);
  }

  return (
    <form className="form" aria-label={`Comment: ${where}`} onSubmit={(e) => void submit(e)}>
      <h3>{where}</h3>
      <TextAreaField label={`Text (${where})`} value={text} onChange={setText} rows={2} />
      <CheckboxField
        label={`Offered to graders (${where})`}
        checked={active}
        onChange={setActive}
      />
      <FormError message={error} />
      <StatusMessage message={status} />
      <button type="submit">Save ({where})</button>
    </form>
  );
}
