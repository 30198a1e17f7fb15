import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import type { BankComment } from '@exam/shared/api';
import { heldServer, json, pressTwice, renderInSession, signedOut } from './helpers/held-server';
import { CommentBankPage } from '../src/features/grading/CommentBankPage';

/**
 * A fake server holding the bank. A POST answers only when the test lets it, so a second press
 * can come while the first is in flight; the session route says nobody is signed in.
 */
function serve(initial: BankComment[] = []) {
  const stored = [...initial];
  const server = heldServer(async (path, init, hold) => {
    if (path === '/api/grading/comment-bank/curation') return json(200, { comments: stored });
    if (path === '/api/grading/comment-bank' && init?.method === 'POST') {
      const input = JSON.parse(String(init.body)) as Pick<BankComment, 'domain' | 'level' | 'text'>;
      const comment: BankComment = {
        ...input,
        id: crypto.randomUUID(),
        active: true,
        updatedAt: '2026-06-01T00:00:00.000Z',
      };
      stored.push(comment);
      await hold();
      return json(201, { comment });
    }
    return signedOut();
  });
  return { posts: () => server.calls('POST'), answerPosts: server.release };
}

function renderPage() {
  renderInSession(<CommentBankPage />);
}

describe('the comment bank', () => {
  it('adds a comment once however fast the button is pressed twice', async () => {
    const server = serve();
    renderPage();
    await screen.findByText('The bank is empty.');
    fireEvent.change(screen.getByLabelText('Comment'), {
      target: { value: 'Names the relationship at the centre of the case.' },
    });
    const add = screen.getByRole('button', { name: 'Add the comment' });
    await pressTwice(add, server.posts, server.answerPosts);
    await screen.findByRole('button', { name: 'Save (Theoretical Foundations, level 3)' });
    expect(server.posts()).toHaveLength(1);
  });

  it('says in words that an empty comment needs writing, and sends nothing', async () => {
    const server = serve();
    renderPage();
    await screen.findByText('The bank is empty.');
    fireEvent.click(screen.getByRole('button', { name: 'Add the comment' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Write the comment before adding it.',
    );
    expect(server.posts()).toHaveLength(0);
  });

  it('names two comments of one domain and level apart, so each field has its own label', async () => {
    const comment = (id: string, text: string): BankComment => ({
      id,
      domain: 'theoretical-foundations',
      level: 3,
      text,
      active: true,
      updatedAt: '2026-06-01T00:00:00.000Z',
    });
    serve([
      comment('00000000-0000-4000-8000-0000000000b1', 'Names the relationship.'),
      comment('00000000-0000-4000-8000-0000000000b2', 'Links it to the theory.'),
    ]);
    renderPage();
    const first = await screen.findByLabelText(
      'Text (Theoretical Foundations, level 3, comment 1)',
    );
    const second = screen.getByLabelText('Text (Theoretical Foundations, level 3, comment 2)');
    expect((first as HTMLTextAreaElement).value).toBe('Names the relationship.');
    expect((second as HTMLTextAreaElement).value).toBe('Links it to the theory.');
    screen.getByRole('button', { name: 'Save (Theoretical Foundations, level 3, comment 2)' });
  });
});
