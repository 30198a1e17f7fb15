import { useSyncExternalStore } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { SessionProvider } from '../src/features/auth';
import type { ExamClient } from '../src/features/exam/exam-client';
import { SaveIndicator } from '../src/features/exam/SaveIndicator';
import { doc, flush, partTwoWelcome, setup, welcome } from './helpers/fake-exam-socket';
import { adminSession } from './helpers/sessions';

/** The status bar's indicator as the exam page shows it, following the client's state. */
function Indicator({ client }: { client: ExamClient }) {
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return <SaveIndicator state={state} />;
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(adminSession), { status: 200 })),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function started(message: object) {
  const harness = setup();
  await harness.client.start();
  harness.sockets[0]!.open();
  render(
    <SessionProvider>
      <Indicator client={harness.client} />
    </SessionProvider>,
  );
  await act(async () => {
    harness.sockets[0]!.receive(message);
    await flush();
  });
  return harness;
}

const full = () => screen.getByTestId('save-indicator').textContent;
const short = () => document.querySelector('.save-short')?.textContent;

/**
 * The indicator said "All answers saved" the moment Part One opened, before the candidate had
 * answered anything: a claim about their work when there was none. It now says so plainly until
 * the server holds something of the attempt, and "saved" once it does or after a reload that
 * brings stored work back.
 */
describe('the save indicator before the first save of the attempt', () => {
  it('Part One: "No answers yet" until the first answer is acknowledged, then saved', async () => {
    const { client, sockets } = await started(welcome());
    expect(full()).toBe('No answers yet');
    expect(short()).toBe('No answers yet');

    await act(() => client.setAnswer(1, { choice: 2, flagged: false }));
    expect(full()).toBe('Saving 1 change…');
    await act(async () => {
      sockets[0]!.receive({ type: 'answer.ack', seq: 1 });
      await flush();
    });
    await waitFor(() => expect(full()).toMatch(/^All answers saved – \d/));
    expect(short()).toBe('All saved');
    client.dispose();
  });

  it('after a reload whose welcome carries stored answers: saved, never "none yet"', async () => {
    const { client } = await started(
      welcome({ answers: [{ position: 1, choice: 0, flagged: false, seq: 3 }], maxSeq: 3 }),
    );
    await waitFor(() => expect(full()).toMatch(/^All answers saved – \d/));
    expect(short()).toBe('All saved');
    client.dispose();
  });

  it('a struck option or a note counts: the server holds it', async () => {
    const { client, sockets } = await started(welcome());
    await act(() => client.setItemTools('question', 1, { struck: [1], highlights: [], note: '' }));
    await act(async () => {
      sockets[0]!.receive({ type: 'tools.ack', target: 'question', position: 1, revision: 1 });
      await flush();
    });
    await waitFor(() => expect(full()).toMatch(/^All answers saved/));
    client.dispose();
  });

  it('Part Two with nothing stored (a retake of Part Two alone): "Nothing saved yet" until a response is', async () => {
    const { client, sockets } = await started(partTwoWelcome());
    expect(full()).toBe('Nothing saved yet');
    expect(short()).toBe('Nothing saved yet');

    client.editDraft(1, doc('First words.'));
    await act(() => client.flushDrafts());
    const [save] = sockets[0]!.ofType('draft.save');
    await act(async () => {
      sockets[0]!.receive({ type: 'draft.ack', vignette: 1, revision: save!.revision });
      await flush();
    });
    await waitFor(() => expect(full()).toMatch(/^All answers saved/));
    client.dispose();
  });

  it('Part Two after a reload with a stored response: saved', async () => {
    const { client } = await started(
      partTwoWelcome({
        responses: [{ vignette: 1, revision: 4, doc: doc('Stored.'), words: 1 }],
      }),
    );
    await waitFor(() => expect(full()).toMatch(/^All answers saved/));
    client.dispose();
  });
});
