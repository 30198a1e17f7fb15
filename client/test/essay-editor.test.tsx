import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { PartTwoPolicies } from '@exam/shared/protocol';
import type { ExamClient } from '../src/features/exam/exam-client';
import { EssayEditor } from '../src/features/exam/part-two/EssayEditor';

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** The slice of the exam client the editor uses, recording what it was told. */
function fakeClient(initial: object | undefined) {
  const client = {
    draftDoc: vi.fn(() => initial),
    editDraft: vi.fn(),
    draftSteps: vi.fn(),
    flushDrafts: vi.fn(async () => undefined),
    recordPaste: vi.fn(),
  };
  return client;
}

function renderEditor(policies: PartTwoPolicies, initial?: object) {
  const client = fakeClient(initial);
  render(
    <EssayEditor
      client={client as unknown as ExamClient}
      vignette={2}
      policies={policies}
      replaced={0}
      problem={undefined}
      readOnly={false}
    />,
  );
  return client;
}

/** A paste event as the browser sends it; jsdom has no DataTransfer, so a stand-in carries it. */
function paste(target: Element, data: Record<string, string>) {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', {
    value: { getData: (type: string) => data[type] ?? '', types: Object.keys(data) },
  });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

afterEach(cleanup);

describe('essay editor', () => {
  it('counts words live and warns past the word limit without blocking anything', () => {
    renderEditor(
      { spellcheck: false, paste: 'allowed', wordLimit: 3 },
      doc('one two three four five'),
    );
    expect(screen.getByText('5 words (suggested limit 3)')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(
      /over the suggested limit of 3 words\. This is only a warning/,
    );
  });

  it('takes spellcheck from the policy and labels the response', () => {
    renderEditor({ spellcheck: true, paste: 'allowed', wordLimit: null });
    const textbox = screen.getByRole('textbox', { name: 'Your response to vignette 2' });
    expect(textbox.getAttribute('spellcheck')).toBe('true');
    expect(textbox.getAttribute('aria-multiline')).toBe('true');
    expect(screen.getByText('0 words')).toBeTruthy();
  });

  it('has one Tab stop in the toolbar and moves along it with arrow keys', () => {
    renderEditor({ spellcheck: false, paste: 'allowed', wordLimit: null });
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting for vignette 2' });
    const buttons = Array.from(toolbar.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Bold',
      'Italic',
      'Heading',
      'Subheading',
      'Bulleted list',
      'Numbered list',
      'Undo',
      'Redo',
    ]);
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
    expect(buttons[0]!.getAttribute('aria-pressed')).toBe('false');
    expect(buttons[6]!.getAttribute('aria-disabled')).toBe('true');
    buttons[0]!.focus();
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(buttons[7]);
    expect(buttons[7]!.tabIndex).toBe(0);
    fireEvent.keyDown(buttons[7]!, { key: 'Home' });
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('blocks a paste when the policy says so, records it and says why', () => {
    const client = renderEditor({ spellcheck: false, paste: 'blocked', wordLimit: null });
    const textbox = screen.getByRole('textbox', { name: 'Your response to vignette 2' });
    const event = paste(textbox, { 'text/plain': 'copied from elsewhere' });
    expect(event.defaultPrevented).toBe(true);
    expect(client.recordPaste).toHaveBeenCalledWith(2, 21, 'blocked');
    expect(client.editDraft).not.toHaveBeenCalled();
    expect(
      screen.getAllByRole('alert').some((alert) => /Pasting is turned off/.test(alert.textContent)),
    ).toBe(true);
  });

  it('pastes only the words under the plain-text policy, and records the paste', () => {
    const client = renderEditor({ spellcheck: false, paste: 'plain-text', wordLimit: null });
    const textbox = screen.getByRole('textbox', { name: 'Your response to vignette 2' });
    paste(textbox, {
      'text/plain': 'Bold words',
      'text/html': '<p><strong>Bold</strong> words</p>',
    });
    expect(client.recordPaste).toHaveBeenCalledWith(2, 10, 'plain-text');
    expect(client.editDraft).toHaveBeenLastCalledWith(2, doc('Bold words'));
    expect(screen.getByText('2 words')).toBeTruthy();
  });
});
