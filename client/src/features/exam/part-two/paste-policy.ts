import type { PartTwoPolicies } from '@exam/shared/protocol';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorProps, EditorView } from '@tiptap/pm/view';
import type { PasteOutcome } from '../exam-client';

type PastePolicy = PartTwoPolicies['paste'];

export interface PasteEvents {
  /** Every paste or drop from outside is recorded, whatever the policy did with it. */
  record(chars: number, outcome: PasteOutcome): void;
  /** The policy blocked a paste or drop: tell the candidate why nothing happened. */
  blocked(): void;
}

/** NUL cannot be stored (the server refuses it), and no one means to paste one. */
const stripUnstorable = (text: string) => text.replaceAll('\0', '');

/**
 * ProseMirror props that apply the sitting's paste policy: `allowed` keeps the editor's own paste
 * (already limited to the essay schema), `plain-text` inserts only the text, `blocked` inserts
 * nothing. Drops from outside the editor count as pastes; moving text inside it does not.
 */
export function pastePolicyProps(
  policy: PastePolicy,
  events: PasteEvents,
): Pick<EditorProps, 'handlePaste' | 'handleDrop' | 'transformPastedText'> {
  // Set while our own plain-text paste runs: ProseMirror calls handlePaste for it again.
  let pastingPlain = false;

  const pastePlain = (view: EditorView, text: string, event: ClipboardEvent | DragEvent) => {
    pastingPlain = true;
    try {
      view.pasteText(stripUnstorable(text), event as ClipboardEvent);
    } finally {
      pastingPlain = false;
    }
  };

  return {
    transformPastedText: stripUnstorable,

    handlePaste(view, event, slice) {
      if (pastingPlain) return false;
      const text =
        event.clipboardData?.getData('text/plain') ??
        slice.content.textBetween(0, slice.content.size, '\n');
      switch (policy) {
        case 'blocked':
          event.preventDefault();
          events.record(text.length, 'blocked');
          events.blocked();
          return true;
        case 'plain-text':
          event.preventDefault();
          events.record(text.length, 'plain-text');
          pastePlain(view, text, event);
          return true;
        case 'allowed':
          events.record(text.length, 'pasted');
          return false;
      }
    },

    handleDrop(view, event, slice, moved) {
      if (moved) return false;
      const text =
        event.dataTransfer?.getData('text/plain') ??
        slice.content.textBetween(0, slice.content.size, '\n');
      if (policy === 'allowed') {
        events.record(text.length, 'pasted');
        return false;
      }
      event.preventDefault();
      if (policy === 'blocked') {
        events.record(text.length, 'blocked');
        events.blocked();
        return true;
      }
      events.record(text.length, 'plain-text');
      const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
      if (at) {
        const { doc, tr } = view.state;
        view.dispatch(tr.setSelection(TextSelection.near(doc.resolve(at.pos))));
      }
      pastePlain(view, text, event);
      return true;
    },
  };
}
