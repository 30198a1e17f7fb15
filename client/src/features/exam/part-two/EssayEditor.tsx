import { useEffect, useRef, useState } from 'react';
import { EditorContent, useEditor, type JSONContent } from '@tiptap/react';
import { countWords, emptyEssayDocument, essayExtensions } from '@exam/shared/editor';
import type { PartTwoPolicies } from '@exam/shared/protocol';
import type { ExamClient } from '../exam-client';
import { EditorToolbar } from './EditorToolbar';
import { pastePolicyProps } from './paste-policy';

const pasteMessages: Record<PartTwoPolicies['paste'], string> = {
  allowed: '',
  'plain-text': 'Pasted text keeps its words but not its formatting.',
  blocked: 'Pasting is turned off for this exam: type your response.',
};

/**
 * One vignette's response: the toolbar, the tiptap editor built from the shared essay extensions
 * (so the server validates exactly what it produces), a live word count, and the sitting's
 * spellcheck, paste and word-limit policies. Every change goes to the exam client, which saves it.
 */
export function EssayEditor(props: {
  client: ExamClient;
  vignette: number;
  policies: PartTwoPolicies;
  /** Bumped when a newer version arrived from elsewhere: the editor reloads it. */
  replaced: number;
  problem: string | undefined;
  /** While the proctor has paused the exam, the response cannot change. */
  readOnly: boolean;
}) {
  const { client, vignette, policies } = props;
  const initial = (client.draftDoc(vignette) as JSONContent | undefined) ?? emptyEssayDocument();
  const [words, setWords] = useState(() => countWords(initial));
  const [pasteBlocked, setPasteBlocked] = useState(false);
  const ids = `vignette-${vignette}`;

  const editor = useEditor(
    {
      extensions: essayExtensions,
      content: initial,
      // The CSP allows no inline <style>; the editor's base rules live in styles.css.
      injectCSS: false,
      editorProps: {
        attributes: {
          'aria-label': `Your response to vignette ${vignette}`,
          'aria-multiline': 'true',
          'aria-describedby': `${ids}-words`,
          spellcheck: policies.spellcheck ? 'true' : 'false',
          autocorrect: policies.spellcheck ? 'on' : 'off',
          class: 'essay-editor',
        },
        ...pastePolicyProps(policies.paste, {
          record: (chars, outcome) => client.recordPaste(vignette, chars, outcome),
          blocked: () => setPasteBlocked(true),
        }),
      },
      // Every change to the document, including ones that emit no update, so the patches sent
      // to the server replay exactly what this editor holds.
      onTransaction: ({ editor: current, transaction, appendedTransactions }) => {
        const all = [transaction, ...appendedTransactions];
        if (!all.some((tr) => tr.docChanged)) return;
        const steps = all.flatMap((tr) => tr.steps.map((step) => step.toJSON() as unknown));
        client.draftSteps(vignette, steps, current.state.doc.content.size);
      },
      onUpdate: ({ editor: current }) => {
        const doc = current.getJSON();
        client.editDraft(vignette, doc);
        setWords(countWords(doc));
        setPasteBlocked(false);
      },
      onBlur: () => void client.flushDrafts(),
      // A sitting's policies rarely change mid-exam; if they do, the editor is rebuilt from the
      // newest text this device holds.
    },
    [policies.paste, policies.spellcheck],
  );

  // A newer version stored from another tab or device replaces what is shown (never on mount).
  const shownReplacement = useRef(props.replaced);
  useEffect(() => {
    if (props.replaced === shownReplacement.current) return;
    shownReplacement.current = props.replaced;
    const doc = (client.draftDoc(vignette) as JSONContent | undefined) ?? emptyEssayDocument();
    editor.commands.setContent(doc, { emitUpdate: false });
    setWords(countWords(doc));
  }, [props.replaced, client, editor, vignette]);

  // Without emitting an update: a change of editability is not a change of the response.
  useEffect(() => {
    if (editor.isEditable === props.readOnly) editor.setEditable(!props.readOnly, false);
  }, [editor, props.readOnly]);

  const over = policies.wordLimit !== null && words > policies.wordLimit;
  return (
    <div className="essay">
      <EditorToolbar
        editor={editor}
        label={`Formatting for vignette ${vignette}`}
        disabled={props.readOnly}
      />
      <EditorContent editor={editor} className="essay-editor-frame" />
      <p className="word-count" id={`${ids}-words`}>
        {words === 1 ? '1 word' : `${words} words`}
        {policies.wordLimit !== null && ` (suggested limit ${policies.wordLimit})`}
      </p>
      <p className="word-limit-warning" role="status">
        {over &&
          `You are over the suggested limit of ${policies.wordLimit} words. This is only a warning: your response is still saved and can be submitted.`}
      </p>
      {policies.paste !== 'allowed' && <p className="hint">{pasteMessages[policies.paste]}</p>}
      <p className="inline-error" role="alert">
        {pasteBlocked ? pasteMessages.blocked : ''}
      </p>
      <p className="inline-error" role="alert">
        {props.problem ?? ''}
      </p>
    </div>
  );
}
