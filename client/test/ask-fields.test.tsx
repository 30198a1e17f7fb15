import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { AccommodationAsk } from '@exam/shared/api';
import { AskFields, extraTimeFrom, noAsk } from '../src/features/accommodation-requests/ask-fields';

afterEach(cleanup);

function Fields() {
  const [ask, setAsk] = useState<AccommodationAsk>(noAsk);
  return <AskFields value={ask} onChange={setAsk} legend="What you ask for" />;
}

describe('the extra-time field of a request or a grant', () => {
  it('holds a whole percentage from 0 to 200, whatever is typed', () => {
    expect(extraTimeFrom('50')).toBe(50);
    expect(extraTimeFrom('12.5')).toBe(13);
    expect(extraTimeFrom('500')).toBe(200);
    expect(extraTimeFrom('-5')).toBe(0);
    expect(extraTimeFrom('')).toBe(0);
    expect(extraTimeFrom('abc')).toBe(0);
  });

  it('says its range beside the field, so a capped value is never a surprise', () => {
    render(<Fields />);
    const field = screen.getByLabelText('Extra time (% of each part)');
    const hint = document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(hint?.textContent).toMatch(/whole number from 0 to 200.*more than 200 is taken as 200/);
    fireEvent.change(field, { target: { value: '500' } });
    expect((field as HTMLInputElement).value).toBe('200');
  });
});
