import { createHash } from 'node:crypto';

/** An essay document as the editor sends it: paragraphs of plain text. */
export interface DraftDoc {
  type: 'doc';
  content: { type: 'paragraph'; content: { type: 'text'; text: string }[] }[];
}

const VOCABULARY = (
  'attunement caregiver infant relationship reflective supervision regulation repair rupture ' +
  'holding environment observation curiosity family culture trauma secure base play feeding ' +
  'sleep toddler parent consultation boundaries mentalising empathy safety development'
).split(' ');
/** Words kept in a draft: it grows with each revision up to this, then the window slides. */
const MAX_WORDS = 300;
const WORDS_PER_PARAGRAPH = 12;

/**
 * The document of one revision, derived from (author, vignette, revision) alone: any revision can
 * be rebuilt to compare with what PostgreSQL holds, without keeping every draft in memory. Each
 * revision adds a word, so drafts grow as a candidate types, and its first line names it.
 */
export function draftDoc(author: string, vignette: number, revision: number): DraftDoc {
  const first = Math.max(1, revision - MAX_WORDS + 1);
  const words: string[] = [];
  for (let i = first; i <= revision; i += 1) {
    const digest = createHash('sha1').update(`${author}:${vignette}:${i}`).digest();
    words.push(VOCABULARY[digest.readUInt16BE(0) % VOCABULARY.length]!);
  }
  const paragraphs = [`Vignette ${vignette}, revision ${revision}.`];
  for (let i = 0; i < words.length; i += WORDS_PER_PARAGRAPH) {
    paragraphs.push(words.slice(i, i + WORDS_PER_PARAGRAPH).join(' '));
  }
  return {
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** ProseMirror's size of a draft document: each paragraph's text plus its two boundaries. */
export function docSize(doc: DraftDoc): number {
  return doc.content.reduce((size, p) => size + 2 + (p.content[0]?.text.length ?? 0), 0);
}

export type DraftFrame =
  | { type: 'draft.save'; vignette: number; revision: number; doc: DraftDoc }
  | {
      type: 'draft.patch';
      vignette: number;
      base: number;
      revision: number;
      size: number;
      steps: unknown[];
    };

interface VignetteDraft {
  /**
   * The revision the server holds for this socket: a whole draft or a patch making it went out
   * on it (as the real client's patch chain). Undefined until then, and after a refusal.
   */
  base: number | undefined;
  /** Latest revision typed; 0 before the first. */
  latest: number;
  /** Highest revision the server acknowledged. */
  acked: number;
  /** Revisions sent on the current socket and not yet acknowledged, to when each was sent. */
  inFlight: Map<number, number>;
}

/**
 * A simulated candidate's Part Two drafts, per vignette, as the real client keeps them: only the
 * latest revision of each vignette needs to reach the server; an acknowledgement of any revision
 * means everything up to it is stored (the server keeps the highest revision). Like the real
 * client, a whole draft starts a chain on each socket and later revisions go as patches on it
 * (one step replacing the document's content); a refused patch falls back to the whole draft.
 */
export class DraftBook {
  private readonly drafts = new Map<number, VignetteDraft>();
  private vignettes = [1];
  /** Acknowledgements received, in order. */
  ackCount = 0;
  /** Of those, acknowledgements of patches (the rest are whole drafts). */
  patchAckCount = 0;
  /** Revisions in flight that went as patches. */
  private readonly patchRevisions = new Set<string>();

  constructor(readonly author: string) {}

  /** Vignettes the candidate has typed in, with the highest acknowledged revision of each. */
  get ackedRevisions(): Map<number, number> {
    return new Map(
      [...this.drafts].filter(([, d]) => d.acked > 0).map(([vignette, d]) => [vignette, d.acked]),
    );
  }

  /** Revisions typed (over all vignettes) and not yet acknowledged. */
  get unacknowledged(): number {
    return [...this.drafts.values()].filter((d) => d.latest > d.acked).length;
  }

  get typedCount(): number {
    return [...this.drafts.values()].reduce((sum, d) => sum + d.latest, 0);
  }

  /**
   * The welcome's Part Two: its vignettes are the ones typed in, and typing goes on above the
   * stored revisions (as on a device that kept nothing).
   */
  noteWelcome(partTwo: {
    vignettes: readonly { position: number }[];
    responses: readonly { vignette: number; revision: number }[];
  }): void {
    if (partTwo.vignettes.length > 0) this.vignettes = partTwo.vignettes.map((v) => v.position);
    for (const { vignette, revision } of partTwo.responses) {
      const draft = this.draftOf(vignette);
      draft.latest = Math.max(draft.latest, revision);
    }
  }

  /** One more keystroke in one of the vignettes, chosen at random: a new revision. Always true. */
  type(random: () => number): boolean {
    const vignette = this.vignettes[Math.floor(random() * this.vignettes.length)] ?? 1;
    this.draftOf(vignette).latest += 1;
    return true;
  }

  /** The next frame to send: the latest revision of a vignette that is neither acked nor in flight. */
  nextToSend(): DraftFrame | undefined {
    for (const [vignette, draft] of this.drafts) {
      if (draft.latest > draft.acked && !draft.inFlight.has(draft.latest)) {
        draft.inFlight.set(draft.latest, Date.now());
        const revision = draft.latest;
        const doc = draftDoc(this.author, vignette, revision);
        const base = draft.base;
        draft.base = revision;
        if (base === undefined) return { type: 'draft.save', vignette, revision, doc };
        this.patchRevisions.add(`${vignette}:${revision}`);
        const from = draftDoc(this.author, vignette, base);
        const step = {
          stepType: 'replace',
          from: 0,
          to: docSize(from),
          slice: { content: doc.content },
        };
        return { type: 'draft.patch', vignette, base, revision, size: docSize(doc), steps: [step] };
      }
    }
    return undefined;
  }

  /** Returns when the acknowledged revision was sent, or undefined if it was not in flight. */
  onAck(vignette: number, revision: number): number | undefined {
    const draft = this.drafts.get(vignette);
    const sentAt = draft?.inFlight.get(revision);
    if (!draft || sentAt === undefined) return undefined;
    draft.inFlight.delete(revision);
    draft.acked = Math.max(draft.acked, revision);
    this.ackCount += 1;
    if (this.patchRevisions.delete(`${vignette}:${revision}`)) this.patchAckCount += 1;
    return sentAt;
  }

  onRejected(vignette: number, revision: number): void {
    const draft = this.drafts.get(vignette);
    if (!draft) return;
    draft.inFlight.delete(revision);
    draft.base = undefined;
  }

  /** The socket closed: whatever was in flight is sent again (its latest revision) on the next. */
  onDisconnect(): void {
    for (const draft of this.drafts.values()) {
      draft.inFlight.clear();
      draft.base = undefined;
    }
  }

  private draftOf(vignette: number): VignetteDraft {
    let draft = this.drafts.get(vignette);
    if (!draft) {
      draft = { base: undefined, latest: 0, acked: 0, inFlight: new Map() };
      this.drafts.set(vignette, draft);
    }
    return draft;
  }
}
