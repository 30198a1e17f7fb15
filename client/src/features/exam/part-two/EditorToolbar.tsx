import { useRef, useState, type KeyboardEvent } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';

interface ToolbarAction {
  label: string;
  /** aria-keyshortcuts: tiptap's Mod is Control, or Command (Meta) on a Mac. */
  shortcut: string;
  /** Whether the formatting is on at the cursor; undefined for actions without a state. */
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const actions: readonly ToolbarAction[] = [
  {
    label: 'Bold',
    shortcut: 'Control+B Meta+B',
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'Italic',
    shortcut: 'Control+I Meta+I',
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    label: 'Heading',
    shortcut: 'Control+Alt+2 Meta+Alt+2',
    active: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    label: 'Subheading',
    shortcut: 'Control+Alt+3 Meta+Alt+3',
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: 'Bulleted list',
    shortcut: 'Control+Shift+8 Meta+Shift+8',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'Numbered list',
    shortcut: 'Control+Shift+7 Meta+Shift+7',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    label: 'Undo',
    shortcut: 'Control+Z Meta+Z',
    enabled: (e) => e.can().undo(),
    run: (e) => e.chain().focus().undo().run(),
  },
  {
    label: 'Redo',
    shortcut: 'Control+Shift+Z Meta+Shift+Z',
    enabled: (e) => e.can().redo(),
    run: (e) => e.chain().focus().redo().run(),
  },
];

/**
 * The essay editor's formatting toolbar: one Tab stop, arrow keys (and Home/End) move between
 * buttons, toggles say whether they are on with aria-pressed. Undo and Redo stay focusable when
 * there is nothing to undo (aria-disabled), so arrowing through the toolbar never skips them.
 * While the response cannot change (paused, time up) every button says it is unavailable, the
 * same way, and keeps its place in the arrow-key order.
 */
export function EditorToolbar({
  editor,
  label,
  disabled = false,
}: {
  editor: Editor;
  label: string;
  disabled?: boolean;
}) {
  const [focused, setFocused] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const states = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      actions.map((action) => ({
        pressed: action.active?.(e),
        enabled: action.enabled?.(e) ?? true,
      })),
  });

  const move = (index: number) => {
    const next = (index + actions.length) % actions.length;
    setFocused(next);
    buttons.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(focused + 1),
      ArrowLeft: () => move(focused - 1),
      Home: () => move(0),
      End: () => move(actions.length - 1),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  return (
    <div
      className="editor-toolbar"
      role="toolbar"
      aria-label={label}
      aria-disabled={disabled || undefined}
      onKeyDown={onKeyDown}
    >
      {actions.map((action, index) => {
        const state = states[index];
        const unavailable = disabled || state?.enabled === false;
        return (
          <button
            key={action.label}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className="toolbar-button"
            tabIndex={index === focused ? 0 : -1}
            aria-pressed={state?.pressed}
            aria-disabled={unavailable || undefined}
            aria-keyshortcuts={action.shortcut}
            // Keeps the editor's selection (and focus) when the button is clicked with a mouse.
            onMouseDown={(event) => event.preventDefault()}
            onFocus={() => setFocused(index)}
            onClick={() => {
              if (unavailable) return;
              // Focus goes back to the text at once (tiptap's focus() waits a frame), so keys
              // typed straight after Enter land in the response, not on this button.
              editor.view.focus();
              action.run(editor);
            }}
          >
            {action.label}
          </button>
        );
      })}
    </div>
  );
}
