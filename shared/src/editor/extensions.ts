import { getSchema, type Extensions } from '@tiptap/core';
import Bold from '@tiptap/extension-bold';
import Document from '@tiptap/extension-document';
import HardBreak from '@tiptap/extension-hard-break';
import Heading from '@tiptap/extension-heading';
import Italic from '@tiptap/extension-italic';
// Each extension from its own entry: the packages' barrels would bring every extension they
// carry (task lists, placeholders, cursors) into the candidate's Part Two script.
import { BulletList } from '@tiptap/extension-list/bullet-list';
import { ListItem } from '@tiptap/extension-list/item';
import { ListKeymap } from '@tiptap/extension-list/keymap';
import { OrderedList } from '@tiptap/extension-list/ordered-list';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { UndoRedo } from '@tiptap/extensions/undo-redo';
import type { Schema } from '@tiptap/pm/model';
import { Plugin, type Transaction } from '@tiptap/pm/state';
import {
  headingLevels,
  MAX_LIST_START,
  orderedListTypes,
  type OrderedListType,
} from './document.js';

/**
 * The attributes an ordered list may keep, or undefined when they are already valid. tiptap's
 * input rule ("12345678. "), its plain-text paste and pasted `<ol start="x" type="y">` can all
 * produce values the server would refuse; clamping them in the editor means a candidate's draft
 * is never refused for a list they made by typing or pasting.
 */
export function normaliseOrderedListAttrs(
  attrs: Record<string, unknown>,
): { start: number; type: OrderedListType | null } | undefined {
  const { start, type } = attrs;
  const startOk = Number.isInteger(start) && Number(start) >= 0 && Number(start) <= MAX_LIST_START;
  const typeOk = type === null || orderedListTypes.includes(type as OrderedListType);
  if (startOk && typeOk) return undefined;
  const clamped =
    typeof start === 'number' && Number.isFinite(start)
      ? Math.min(Math.max(Math.trunc(start), 0), MAX_LIST_START)
      : 1;
  return {
    start: startOk ? Number(start) : clamped,
    type: typeOk ? (type as OrderedListType | null) : null,
  };
}

const EssayOrderedList = OrderedList.extend({
  addProseMirrorPlugins() {
    const normaliser = new Plugin({
      appendTransaction: (transactions, _old, state) => {
        if (!transactions.some((tr) => tr.docChanged)) return null;
        let fix: Transaction | null = null;
        state.doc.descendants((node, pos) => {
          if (node.type.name === this.name) {
            const attrs = normaliseOrderedListAttrs(node.attrs);
            if (attrs) fix = (fix ?? state.tr).setNodeMarkup(pos, undefined, attrs);
          }
          // Lists live only in block content; skipping textblocks keeps this cheap per keystroke.
          return !node.isTextblock;
        });
        return fix;
      },
    });
    return [...(this.parent?.() ?? []), normaliser];
  },
});

/**
 * The essay editor's extensions: paragraphs, bold, italic, bulleted and ordered lists, headings
 * (levels 2-3), hard break and undo/redo. Deliberately no links, images, code or embeds: each is
 * a way to smuggle a URL or markup past the graders. The client may add schema-free extensions
 * (placeholder, character count) on top, never nodes or marks, or the server will refuse drafts.
 */
export const essayExtensions: Extensions = [
  Document,
  Paragraph,
  Text,
  Bold,
  Italic,
  Heading.configure({ levels: [...headingLevels] }),
  HardBreak,
  BulletList,
  EssayOrderedList,
  ListItem,
  ListKeymap,
  UndoRedo,
];

/** Builds the ProseMirror schema from essayExtensions (a new schema on every call). */
export function buildEssaySchema(): Schema {
  return getSchema(essayExtensions);
}

let cachedSchema: Schema | undefined;

/** The essay schema, built once per process; validation and rendering share it. */
export function getEssaySchema(): Schema {
  cachedSchema ??= buildEssaySchema();
  return cachedSchema;
}
