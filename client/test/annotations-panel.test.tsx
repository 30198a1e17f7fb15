import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import type { Annotation } from '@exam/shared/api';
import { heldServer, json, pressTwice, renderInSession, signedOut } from './helpers/held-server';
import { AnnotationsPanel } from '../src/features/grading/AnnotationsPanel';

const CODE = 'R-ABCDEFGH';
const TEXT = 'The baby looks away when fed, and the mother feels rejected.';

function annotation(id: string, start: number, end: number, comment: string): Annotation {
  return { id, start, end, quote: TEXT.slice(start, end), comment };
}

/** The scoring page's part: the response text the panel annotates. */
function Harness() {
  const responseRef = useRef<HTMLDivElement>(null);
  return (
    <>
      <div ref={responseRef}>{TEXT}</div>
      <AnnotationsPanel code={CODE} responseRef={responseRef} readOnly={false} />
    </>
  );
}

/**
 * A fake server holding the reading's annotations. A POST answers only when the test lets it, so
 * a second press can come while the first is in flight; the session route says nobody is signed
 * in, which the panel never needs.
 */
function serve(initial: Annotation[]) {
  const stored = [...initial];
  const server = heldServer(async (path, init, hold) => {
    const method = init?.method ?? 'GET';
    if (!path.startsWith(`/api/grading/queue/${CODE}/annotations`)) return signedOut();
    if (method === 'GET') return json(200, { own: stored, others: [] });
    if (method === 'POST') {
      const input = JSON.parse(String(init?.body)) as {
        start: number;
        end: number;
        comment: string;
      };
      const created = annotation(crypto.randomUUID(), input.start, input.end, input.comment);
      stored.push(created);
      await hold();
      return json(201, { annotation: created });
    }
    const id = path.split('/').pop();
    stored.splice(
      stored.findIndex((a) => a.id === id),
      1,
    );
    return json(204, undefined);
  });
  return { stored, posts: () => server.calls('POST'), answerPosts: server.release };
}

function renderPanel() {
  renderInSession(<Harness />);
}

describe('annotating a response', () => {
  it('adds an annotation once however fast the button is pressed twice', async () => {
    const server = serve([]);
    renderPanel();
    await screen.findByText('None yet.');
    fireEvent.change(screen.getByLabelText('Or find words in the response'), {
      target: { value: 'looks away' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    await screen.findByText('Passage: “looks away”');
    fireEvent.change(screen.getByLabelText('Comment on the passage'), {
      target: { value: 'Sees the baby’s cue' },
    });
    const add = screen.getByRole('button', { name: 'Add annotation' });
    await pressTwice(add, server.posts, server.answerPosts);
    await screen.findByText('Annotation added.');
    expect(server.posts()).toHaveLength(1);
    expect(server.stored).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /^Remove/ })).toHaveLength(1);
  });

  it('keeps focus in the list after a removal: the next annotation, then the heading', async () => {
    serve([
      annotation('00000000-0000-4000-8000-000000000001', 4, 8, 'Who it is about'),
      annotation('00000000-0000-4000-8000-000000000002', 9, 19, 'The cue'),
    ]);
    renderPanel();
    const first = await screen.findByRole('button', { name: 'Remove the annotation on “baby”' });
    first.focus();
    fireEvent.click(first);
    await screen.findByText('Annotation on “baby” removed.');
    const second = screen.getByRole('button', { name: 'Remove the annotation on “looks away”' });
    await waitFor(() => expect(document.activeElement).toBe(second));
    fireEvent.click(second);
    await screen.findByText('None yet.');
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Your annotations' }),
      ),
    );
  });
});
