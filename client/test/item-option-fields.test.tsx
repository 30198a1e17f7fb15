import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { bankItemContentSchema, type BankItemContent } from '@exam/shared/api';
import { ItemOptionFields, layoutSummary } from '../src/features/bank/ItemOptionFields';

afterEach(cleanup);

const start: BankItemContent = {
  stem: 'Which of these helps a parent at bedtime?',
  options: ['A calm routine', 'A night light', 'A favourite song', 'All of the above'],
  keyIndex: 3,
  shuffle: true,
  fixedOptions: [],
  domain: 'communicating',
  ageBand: '0-3',
};

/** The fields with their state held as the item editor holds it; `seen` gets every change. */
function renderFields(seen: BankItemContent[]) {
  function Harness() {
    const [content, setContent] = useState(start);
    return (
      <ItemOptionFields
        content={content}
        onChange={(next) => {
          seen.push(next);
          setContent(next);
        }}
      />
    );
  }
  render(<Harness />);
}

describe('item option fields', () => {
  it('offers "keep in place" per option and "shuffle" per item as labelled native checkboxes', () => {
    const seen: BankItemContent[] = [];
    renderFields(seen);
    for (const letter of ['A', 'B', 'C', 'D']) {
      const box = screen.getByRole('checkbox', { name: `Keep ${letter} in place` });
      expect((box as HTMLInputElement).checked).toBe(false);
      // Reached with Tab: nothing takes it out of the tab order.
      expect(box.tabIndex).toBe(0);
      box.focus();
      expect(document.activeElement).toBe(box);
      // The option's own text field keeps its label alone.
      expect(screen.getByLabelText(`Option ${letter}`)).toHaveProperty('type', 'text');
    }
    const shuffle = screen.getByRole('checkbox', {
      name: 'Shuffle the options for each candidate',
    });
    expect((shuffle as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/Options kept in place stay where they are written/)).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Keep D in place' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Keep A in place' }));
    expect(seen.at(-1)).toMatchObject({ shuffle: true, fixedOptions: [0, 3] });
    expect(
      (screen.getByRole('checkbox', { name: 'Keep D in place' }) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Keep A in place' }));
    expect(seen.at(-1)!.fixedOptions).toEqual([3]);

    fireEvent.click(shuffle);
    expect(seen.at(-1)).toMatchObject({ shuffle: false, fixedOptions: [3] });
    expect(
      screen.getByText('Every candidate sees the options in the order written here.'),
    ).toBeTruthy();
    // What the editor sends passes the shared schema as it is.
    expect(bankItemContentSchema.parse(seen.at(-1))).toEqual(seen.at(-1));
  });

  it('says in words how the options move', () => {
    expect(layoutSummary({ shuffle: true, fixedOptions: [] })).toBe(
      'Options are shuffled for each candidate.',
    );
    expect(layoutSummary({ shuffle: true, fixedOptions: [3] })).toBe(
      'Options are shuffled for each candidate; D stays in place.',
    );
    expect(layoutSummary({ shuffle: true, fixedOptions: [0, 3] })).toBe(
      'Options are shuffled for each candidate; A and D stay in place.',
    );
    expect(layoutSummary({ shuffle: false, fixedOptions: [3] })).toBe(
      'Options are shown in the order written.',
    );
  });

  it('does not call options shuffled when none is free to move', () => {
    expect(layoutSummary({ shuffle: true, fixedOptions: [0, 1, 3] })).toBe(
      'Options are shown in the order written: all options but one are kept in place, so none moves.',
    );
    expect(layoutSummary({ shuffle: true, fixedOptions: [0, 1, 2, 3] })).toBe(
      'Options are shown in the order written: every option is kept in place, so none moves.',
    );
  });
});
