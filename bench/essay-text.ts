/**
 * What the simulated essay writers type, and when. Everything is drawn from a seeded generator
 * per editor, so editor i writes the same document and the same keystrokes at the same moments
 * against our server and against Hocuspocus, and two runs with the same seed are comparable.
 *
 * The typing model (not tuned to favour either system):
 * - each editor types at its own speed, 3-5 characters a second; each gap between two keys is
 *   that speed's mean gap times a uniform factor in [0.5, 1.5], so some gaps pass 0.3 s but none
 *   passes the 1 s idle debounce of our client;
 * - it types in bursts of one or two sentences of 10-25 words (a burst lasts 18-80 s, 5th to 95th
 *   percentile), and about one burst in six starts a new paragraph (Enter is a keystroke too);
 * - between bursts it thinks for 3-45 s, log-uniform (median 12 s, mean 16 s);
 * - the first burst starts after a uniform 0-15 s, so the editors do not type in step.
 * That is about 3.0 characters a second per editor over an hour: a fast, steady writer.
 */

/** mulberry32: small, fast and good enough to spread workloads; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PURPOSES = { doc: 1, typing: 2 } as const;

/** One seed per editor and purpose, so the document does not depend on how much was typed. */
export function editorSeed(
  runSeed: number,
  editor: number,
  purpose: keyof typeof PURPOSES,
): number {
  let h = Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (editor + 1), 0xc2b2ae35);
  h = Math.imul(h ^ PURPOSES[purpose], 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

const FUNCTION_WORDS = (
  'the of and to a in that is for with as on this by be it are their from or at which when ' +
  'would can may should not but also how her his its what more they we our these about'
).split(' ');

const CONTENT_WORDS = (
  'infant caregiver mother father parent child relationship attachment regulation practitioner ' +
  'reflective supervision session home visit family support development emotional behaviour ' +
  'observation assessment referral trauma safety trust sleep feeding crying response play ' +
  'attunement sensitivity history stress depression resources community service plan goals ' +
  'strengths concerns evidence approach intervention boundaries culture language toddler ' +
  'preschool milestones partner grandmother worker agency consent confidentiality team meeting ' +
  'progress progressively carefully gently consistent predictable difficult important early ' +
  'understanding experience feelings needs signals cues routine transition separation reunion ' +
  'repair rupture curiosity mentalizing containment ongoing weekly informed respectful warm ' +
  'practice policy framework outcome review record documentation priority risk protective factors'
).split(' ');

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** One sentence of essay-like prose, capitalised and ending with a full stop. */
export function sentence(rng: () => number): string {
  const count = 10 + Math.floor(rng() * 16);
  const words: string[] = [];
  for (let i = 0; i < count; i += 1) {
    let word = rng() < 0.45 ? pick(rng, FUNCTION_WORDS) : pick(rng, CONTENT_WORDS);
    if (i > 2 && i < count - 2 && rng() < 0.06) word += ',';
    words.push(word);
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The essay an editor starts from: 2,000-5,000 words in paragraphs of 4-9 sentences. */
export function startingEssay(rng: () => number): { paragraphs: string[]; words: number } {
  const target = 2000 + Math.floor(rng() * 3001);
  const paragraphs: string[] = [];
  let words = 0;
  while (words < target) {
    const sentences = Array.from({ length: 4 + Math.floor(rng() * 6) }, () => sentence(rng));
    let paragraphWords = sentences.join(' ').split(' ');
    if (words + paragraphWords.length > target) {
      paragraphWords = paragraphWords.slice(0, target - words);
      paragraphWords.push(`${(paragraphWords.pop() ?? 'end').replace(/[,.]$/, '')}.`);
    }
    paragraphs.push(paragraphWords.join(' '));
    words += paragraphWords.length;
  }
  return { paragraphs, words };
}

/** A key press: one character at the end of the last paragraph, or Enter for a new paragraph. */
export type Keystroke = { kind: 'char'; char: string } | { kind: 'paragraph' };

const MIN_THINK_MS = 3_000;
const MAX_THINK_MS = 45_000;
const FIRST_BURST_SPREAD_MS = 15_000;
const NEW_PARAGRAPH_CHANCE = 1 / 6;

/** The next keystrokes of one editor, each with the pause before it. */
export class TypingModel {
  private readonly rng: () => number;
  private readonly meanGapMs: number;
  private queue: Keystroke[] = [];
  private at = 0;
  private started = false;

  constructor(seed: number) {
    this.rng = seededRandom(seed);
    this.meanGapMs = 1000 / (3 + this.rng() * 2);
  }

  next(): { delayMs: number; key: Keystroke } {
    if (this.at < this.queue.length) {
      const key = this.queue[this.at++] as Keystroke;
      return { delayMs: this.meanGapMs * (0.5 + this.rng()), key };
    }
    const delayMs = this.started
      ? MIN_THINK_MS * (MAX_THINK_MS / MIN_THINK_MS) ** this.rng()
      : this.rng() * FIRST_BURST_SPREAD_MS;
    this.started = true;
    this.queue = this.burst();
    this.at = 1;
    return { delayMs, key: this.queue[0] as Keystroke };
  }

  private burst(): Keystroke[] {
    const newParagraph = this.rng() < NEW_PARAGRAPH_CHANCE;
    const sentences = Array.from({ length: this.rng() < 0.5 ? 1 : 2 }, () => sentence(this.rng));
    const text = (newParagraph ? '' : ' ') + sentences.join(' ');
    const keys: Keystroke[] = newParagraph ? [{ kind: 'paragraph' }] : [];
    for (const char of text) keys.push({ kind: 'char', char });
    return keys;
  }
}
