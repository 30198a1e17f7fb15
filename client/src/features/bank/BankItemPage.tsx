import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { bankItemContentSchema, type BankItemContent, type BankItemDetail } from '@exam/shared/api';
import {
  ageBands,
  competencyDomains,
  type AgeBand,
  type CompetencyDomain,
} from '@exam/shared/domain';
import { ageBandLabels, domainLabel } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { ProgrammeContentNote, useCanEditProgrammeContent } from '../auth';
import { ConsoleNav } from '../../shell/ConsoleNav';
import { LoadState, RadioGroup, SelectField, TextAreaField } from '../../ui/fields';
import { FormError, StatusMessage } from '../../ui/FormError';
import { Page } from '../../ui/Page';
import { ReviewPanel } from '../bank-exchange';
import { getItem, itemAction, saveItem } from './bank.api';
import { useFormatDate } from '../../lib/dates';
import { ItemOptionFields, layoutSummary, optionLetters as letters } from './ItemOptionFields';

const blank: BankItemContent = {
  stem: '',
  options: ['', '', '', ''],
  keyIndex: 0,
  shuffle: true,
  fixedOptions: [],
  domain: 'direct-service-skills',
  ageBand: '0-3',
};

function contentOf(item: BankItemDetail): BankItemContent {
  const v = item.draft ?? item.published ?? item.versions[0];
  if (!v) return blank;
  return {
    stem: v.stem,
    options: v.options,
    keyIndex: v.keyIndex,
    shuffle: v.shuffle,
    fixedOptions: v.fixedOptions,
    domain: v.domain,
    ageBand: v.ageBand,
  };
}

/** Writes a new item or edits one (/coordinator/bank/items/:id): drafts, publishing, retiring. */
export function BankItemPage() {
  const { id } = useParams();
  const { state, set } = useLoad(
    (signal) => (id ? getItem(id, signal) : Promise.resolve(null)),
    [id],
  );
  const canEdit = useCanEditProgrammeContent();
  if (!canEdit) {
    // Coordinators read the shared bank; its administrators alone change it.
    return (
      <Page title="Item">
        <ConsoleNav />
        <ProgrammeContentNote what="The bank’s items" />
        <LoadState state={state} what="the item" />
        {state.status === 'loaded' && state.data && <ItemReadOnly item={state.data} />}
      </Page>
    );
  }
  return (
    <Page title={id ? 'Edit item' : 'New item'}>
      <ConsoleNav />
      <LoadState state={state} what="the item" />
      {state.status === 'loaded' && (
        <ItemEditor key={id ?? 'new'} item={state.data} onChanged={set} />
      )}
      {state.status === 'loaded' && state.data && <ReviewPanel item={state.data} onChanged={set} />}
    </Page>
  );
}

/** The item as it stands (the draft if there is one), for those who may not change it. */
function ItemReadOnly({ item }: { item: BankItemDetail }) {
  const content = contentOf(item);
  return (
    <section aria-labelledby="item-heading">
      <h2 id="item-heading">Question</h2>
      <p>{content.stem}</p>
      <ol type="A">
        {content.options.map((option, index) => (
          <li key={index}>
            {option}
            {index === content.keyIndex && ' (correct option)'}
            {content.shuffle && content.fixedOptions.includes(index) && ' (kept in place)'}
          </li>
        ))}
      </ol>
      <p>{layoutSummary(content)}</p>
      <p>
        {domainLabel(content.domain)}, {ageBandLabels[content.ageBand]}; status:{' '}
        {item.status === 'active' ? 'published' : item.status}.
      </p>
    </section>
  );
}

function ItemEditor({
  item,
  onChanged,
}: {
  item: BankItemDetail | null;
  onChanged(i: BankItemDetail): void;
}) {
  const navigate = useNavigate();
  const when = useFormatDate();
  const save = useSaver();
  const [content, setContent] = useState<BankItemContent>(item ? contentOf(item) : blank);
  const [error, setError] = useState<string | null>(null);
  // A new item's first save moves to its own address; the message comes along.
  const arrived = (useLocation().state as { done?: string } | null)?.done ?? null;
  const [done, setDone] = useState<string | null>(arrived);
  const [busy, setBusy] = useState(false);
  const retired = item?.status === 'retired';
  // Publish and Retire take their own button away: focus goes to the status they changed.
  const statusLine = useRef<HTMLParagraphElement>(null);
  const focusStatus = useRef(false);

  useEffect(() => {
    if (focusStatus.current && statusLine.current) {
      statusLine.current.focus();
      focusStatus.current = false;
    }
  });

  async function run(
    action: () => Promise<BankItemDetail>,
    message: string,
    moveFocus: 'status' | 'stay' = 'stay',
  ) {
    if (busy) return;
    setBusy(true);
    setDone(null);
    const result = await save(action);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setDone(message);
    focusStatus.current = moveFocus === 'status';
    if (!item) {
      void navigate(`/coordinator/bank/items/${result.value.id}`, {
        replace: true,
        state: { done: message },
      });
      return;
    }
    onChanged(result.value);
    setContent(contentOf(result.value));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = bankItemContentSchema.safeParse(content);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(
        `${issue?.path[0] === 'options' ? 'Options' : 'Question'}: ${issue?.message ?? 'check the item'}.`,
      );
      return;
    }
    await run(
      () => saveItem(item?.id ?? null, parsed.data),
      'Draft saved. Publish it to use it in new forms.',
    );
  }

  return (
    <>
      {item && (
        <p ref={statusLine} tabIndex={-1}>
          Status: {item.status === 'active' ? 'published' : item.status}
          {item.published && `, version ${item.published.version} in use`}
          {item.draft && `; draft of version ${item.draft.version} not yet published`}.
        </p>
      )}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Item">
        <TextAreaField
          label="Question"
          value={content.stem}
          onChange={(stem) => setContent({ ...content, stem })}
        />
        <ItemOptionFields content={content} onChange={setContent} />
        <RadioGroup
          legend="Correct option"
          name="key"
          value={String(content.keyIndex)}
          onChange={(v) => setContent({ ...content, keyIndex: Number(v) })}
          options={letters.map((l, i) => ({ value: String(i), label: l }))}
        />
        <SelectField
          label="Domain"
          value={content.domain}
          onChange={(v) => setContent({ ...content, domain: v as CompetencyDomain })}
          options={competencyDomains.map((d) => ({ value: d, label: domainLabel(d) }))}
        />
        <SelectField
          label="Age band"
          value={content.ageBand}
          onChange={(v) => setContent({ ...content, ageBand: v as AgeBand })}
          options={ageBands.map((b) => ({ value: b, label: ageBandLabels[b] }))}
        />
        <FormError message={error} />
        <div className="actions">
          {!retired && (
            <button type="submit" aria-disabled={busy}>
              Save draft
            </button>
          )}
          {item?.draft && !retired && (
            <button
              type="button"
              aria-disabled={busy}
              onClick={() =>
                void run(
                  () => itemAction(item.id, 'publish'),
                  `Published version ${item.draft?.version}.`,
                  'status',
                )
              }
            >
              Publish
            </button>
          )}
          {item && !retired && (
            <button
              type="button"
              className="secondary"
              aria-disabled={busy}
              onClick={() =>
                void run(
                  () => itemAction(item.id, 'retire'),
                  'Item retired: new forms leave it out.',
                  'status',
                )
              }
            >
              Retire
            </button>
          )}
        </div>
        <StatusMessage message={done} />
      </form>
      {item && item.versions.length > 0 && (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          <ul>
            {item.versions.map((v) => (
              <li key={v.id}>
                Version {v.version}: {v.publishedAt ? `published ${when(v.publishedAt)}` : 'draft'}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
