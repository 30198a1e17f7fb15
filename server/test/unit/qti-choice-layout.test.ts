import { describe, expect, it } from 'vitest';
import { readItem } from '../../src/modules/bank/qti/qti-item-reader.js';
import { itemXml } from '../../src/modules/bank/qti/qti-writer.js';
import { item, resource, utf8 } from '../helpers/qti-items.js';

/*
 * Shuffle and fixed choices, read from other tools' items and from our own exports, and written
 * so that reading them back gives the same layout.
 */

describe('QTI shuffle and fixed choices', () => {
  const read = (text: string) => readItem(utf8(text), resource);
  const layoutOf = (text: string) => {
    const result = read(text);
    if (!result.ok) throw new Error(result.reason);
    return { shuffle: result.content.shuffle, fixedOptions: result.content.fixedOptions };
  };
  const fixedAt = (...indexes: number[]) =>
    ['Wait and see', 'Ask the parent what they notice', 'Give a leaflet', 'None of these']
      .map(
        (text, i) =>
          `<qti-simple-choice identifier="opt_${i + 1}"${indexes.includes(i) ? ' fixed="true"' : ''}>${text}</qti-simple-choice>`,
      )
      .join('');

  it('keeps each fixed="true" choice and the interaction\'s shuffle', () => {
    expect(layoutOf(item({ choices: fixedAt(0, 3) }))).toEqual({
      shuffle: true,
      fixedOptions: [0, 3],
    });
    expect(layoutOf(item({ choices: fixedAt() }))).toEqual({ shuffle: true, fixedOptions: [] });
    const unshuffled = item().replace('shuffle="true"', 'shuffle="false"');
    expect(layoutOf(unshuffled)).toEqual({ shuffle: false, fixedOptions: [3] });
    // xs:boolean also allows 1 and 0, and fixed="false" says what its absence does.
    const digits = item({ choices: fixedAt(1).replace('fixed="true"', 'fixed="1"') }).replace(
      'shuffle="true"',
      'shuffle="0"',
    );
    expect(layoutOf(digits)).toEqual({ shuffle: false, fixedOptions: [1] });
    const explicit = item().replace('fixed="true"', 'fixed="false"');
    expect(layoutOf(explicit)).toEqual({ shuffle: true, fixedOptions: [] });
  });

  it('shuffles an item whose interaction does not say, as imports always did', () => {
    expect(layoutOf(item().replace(' shuffle="true"', ''))).toEqual({
      shuffle: true,
      fixedOptions: [3],
    });
  });

  it('reads shuffle="false" from our own first export version as not stated: those items were shuffled', () => {
    const ours = (version: string) =>
      item()
        .replace('shuffle="true"', 'shuffle="false"')
        .replace(
          'time-dependent="false"',
          `time-dependent="false" tool-name="exam-platform" tool-version="${version}"`,
        );
    expect(layoutOf(ours('1'))).toEqual({ shuffle: true, fixedOptions: [3] });
    expect(layoutOf(ours('2'))).toEqual({ shuffle: false, fixedOptions: [3] });
  });

  it('refuses a shuffle or fixed that is not a boolean, naming it', () => {
    expect(read(item().replace('shuffle="true"', 'shuffle="yes"'))).toEqual({
      ok: false,
      identifier: 'q1',
      reason: 'The interaction\'s shuffle="yes" is neither true nor false.',
    });
    expect(read(item().replace('fixed="true"', 'fixed="last"'))).toEqual({
      ok: false,
      identifier: 'q1',
      reason: 'Choice opt_4 has fixed="last", neither true nor false.',
    });
  });

  it('writes shuffle and fixed="true" so that reading the item back gives the same layout', () => {
    const version = {
      itemId: '11111111-1111-4111-8111-111111111111',
      itemStatus: 'active' as const,
      version: 2,
      published: true,
      stem: 'Which of these supports a parent who is worried about night waking?',
      options: ['Listen first', 'Ask what they notice', 'Keep a sleep diary', 'All of the above'],
      keyIndex: 3,
      domain: 'communicating' as const,
      ageBand: '0-3' as const,
      endorsements: ['IMH-E' as const],
    };
    for (const layout of [
      { shuffle: true, fixedOptions: [3] },
      { shuffle: true, fixedOptions: [0, 3] },
      { shuffle: false, fixedOptions: [] },
      { shuffle: true, fixedOptions: [] },
    ]) {
      const text = itemXml({ ...version, ...layout });
      expect(text).toContain(`shuffle="${layout.shuffle}"`);
      expect(text.match(/fixed="true"/g) ?? []).toHaveLength(layout.fixedOptions.length);
      expect(text).toContain('tool-name="exam-platform" tool-version="2"');
      expect(layoutOf(text)).toEqual(layout);
    }
  });
});
