import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { FeedbackComment as Comment } from '@exam/shared/api';
import { SessionProvider } from '../src/features/auth';
import { FeedbackComment } from '../src/features/results/FeedbackComment';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SCRIPTED = 'Fine <script>window.xss=1</script><img src=x onerror="window.xss=2">';

function renderComment(comment: Comment, onSave = vi.fn(async () => {})) {
  // The session provider asks who is signed in; nobody is, which the comment never needs.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ user: null }), { status: 200 })),
  );
  render(
    <MemoryRouter>
      <SessionProvider>
        <ul>
          <FeedbackComment
            comment={comment}
            label="comment 1 on Reflection"
            editable
            onSave={onSave}
          />
        </ul>
      </SessionProvider>
    </MemoryRouter>,
  );
  return onSave;
}

const base = { assignmentId: '00000000-0000-4000-8000-000000000001' };

describe('a grader comment under review', () => {
  it('shows script in a comment as text, never as markup', () => {
    renderComment({ ...base, text: SCRIPTED, original: SCRIPTED, edited: false });
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain(SCRIPTED);
    expect(item.querySelector('script, img')).toBeNull();
  });

  it('shows an edit beside the grader’s text, and restores the grader’s text on request', async () => {
    const onSave = renderComment({
      ...base,
      text: 'Kinder words',
      original: 'Harsh words',
      edited: true,
    });
    expect(screen.getByText('Harsh words').closest('q')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Edit comment 1 on Reflection' }));
    const field = screen.getByLabelText('Text the candidate will read');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect((field as HTMLTextAreaElement).value).toBe('Kinder words');
    fireEvent.click(screen.getByRole('button', { name: "Restore the grader's text" }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('Harsh words'));
    // Closed again, focus back on the button that opened it.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Edit comment 1 on Reflection' }),
      ),
    );
  });

  it('says plainly when a removed comment will not reach the candidate', () => {
    renderComment({ ...base, text: '', original: 'Off-topic remark', edited: true });
    expect(screen.getByText('(Removed: the candidate will not read this comment.)')).toBeTruthy();
  });
});
