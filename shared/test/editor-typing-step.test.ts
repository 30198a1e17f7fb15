import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepJson, typingStep } from '../src/editor/steps.js';

/** Values a step's fields take in the test: valid ones often, and near misses of every kind. */
const position = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.constantFrom(-1, 10_000_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null),
);
const textNode = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string() }),
  fc.record({
    type: fc.constantFrom('text', 'paragraph'),
    text: fc.oneof(fc.string(), fc.integer()),
  }),
  fc.record({
    type: fc.constant('text'),
    text: fc.string(),
    marks: fc.constant([{ type: 'bold' }]),
  }),
  fc.constantFrom(null, 'a', ['text']),
);
const slice = fc.oneof(
  fc.record({ content: fc.array(textNode, { minLength: 1, maxLength: 2 }) }),
  fc.record({ content: fc.tuple(textNode), openStart: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ content: fc.constantFrom(null, 'x', {}) }),
  fc.constantFrom(null, [], 'slice'),
);
const step = fc.record(
  {
    stepType: fc.constantFrom('replace', 'replace', 'replaceAround', 'addMark', 'other'),
    from: position,
    to: position,
    slice,
    structure: fc.boolean(),
    extra: fc.constant(1),
  },
  { requiredKeys: [] },
);
/** A step shaped like a keystroke, with `from` repeated as `to` so it is often accepted. */
const keystroke = fc
  .record({ at: fc.integer({ min: 0, max: 10_000_000 }), text: fc.string({ maxLength: 3 }) })
  .map(({ at, text }) => ({
    stepType: 'replace',
    from: at,
    to: at,
    slice: { content: [{ type: 'text', text }] },
  }));

describe('typingStep, the parser-free path for a keystroke', () => {
  it('accepts only what the step schema accepts, and gives what it gives', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(step, keystroke), (raw) => {
        // Through JSON, as a frame arrives: no prototypes, no undefined values.
        const sent: unknown = JSON.parse(JSON.stringify(raw));
        const typed = typingStep(sent);
        if (typed === undefined) return;
        accepted += 1;
        const parsed = stepJson.safeParse(sent);
        expect(parsed.success).toBe(true);
        expect(typed).toEqual(parsed.data);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(1000);
  });

  it('recognises the step tiptap makes for a keystroke, and no step with more in it', () => {
    const key = {
      stepType: 'replace',
      from: 12,
      to: 12,
      slice: { content: [{ type: 'text', text: 'a' }] },
    };
    expect(typingStep(key)).toEqual(key);
    expect(typingStep({ ...key, structure: false })).toBeUndefined();
    expect(typingStep({ ...key, to: 13 })).toBeUndefined();
    expect(typingStep({ ...key, slice: { ...key.slice, openStart: 0 } })).toBeUndefined();
    const bold = { type: 'text', text: 'a', marks: [{ type: 'bold' }] };
    expect(typingStep({ ...key, slice: { content: [bold] } })).toBeUndefined();
    expect(
      typingStep(JSON.parse('{"stepType":"replace","from":1,"to":1,"__proto__":{}}')),
    ).toBeUndefined();
  });
});
