import {
  DRAFT_MAX_FRAME_BYTES,
  DRAFT_PATCH_INTERVAL_MS,
  MAX_STEPS_PER_PATCH,
} from '@exam/shared/protocol';
import type { SyncChannel } from './sync-support';

/**
 * One vignette's editor steps since revision `base`, which the server holds for this connection
 * because the whole draft of that revision, or a patch making it, went out on it.
 */
interface Chain {
  base: number;
  generation: number;
  /** False until the frame making `base` is sent: steps wait for it. */
  ready: boolean;
  steps: unknown[];
  /** The editor document's size after the steps: the server checks it got the same. */
  size: number;
  /** Steps arrived since the editor last reported its document. */
  fresh: boolean;
}

const encoder = new TextEncoder();

/**
 * Part Two's patches: the editor's steps (ProseMirror step JSON, exactly as tiptap applied them)
 * sent as `draft.patch` at most every `intervalMs`, each a new revision of the response. Chains
 * live for one connection; anything that cannot go as a patch (no chain yet, a new connection, a
 * huge paste, a refusal) is left to the whole draft that DraftSync keeps and sends anyway.
 */
export class DraftPatches {
  private readonly chains = new Map<number, Chain>();
  /** The document at each revision sent as a patch, until acknowledged or refused. */
  private readonly sent = new Map<number, Map<number, unknown>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly channel: Pick<SyncChannel, 'canSend' | 'send' | 'generation'>,
    private readonly drafts: {
      /** Gives the vignette its next revision and returns it. */
      nextRevision(vignette: number): number;
      /** The editor's latest document for the vignette. */
      latest(vignette: number): unknown;
    },
    private readonly intervalMs = DRAFT_PATCH_INTERVAL_MS,
  ) {}

  dispose(): void {
    clearTimeout(this.timer);
  }

  /** A whole draft of `revision` is made: steps typed from now on build on it. */
  start(vignette: number, revision: number, ready: boolean): void {
    const generation = this.channel.generation();
    const chain = { base: revision, generation, ready, steps: [], size: 0, fresh: false };
    this.chains.set(vignette, chain);
    this.sent.get(vignette)?.clear();
  }

  /**
   * A whole draft went out on this connection: its chain may send. A replayed draft starts a
   * chain when the editor holds nothing newer than it.
   */
  draftSent(vignette: number, revision: number, editorHoldsIt: boolean): void {
    const chain = this.chains.get(vignette);
    if (chain?.base === revision) chain.ready = true;
    else if (!chain && editorHoldsIt) this.start(vignette, revision, true);
    if (this.chains.get(vignette)?.steps.length) this.schedule();
  }

  /** One editor transaction's steps; ignored until a whole draft starts a chain. */
  steps(vignette: number, steps: unknown[], size: number): void {
    const chain = this.chains.get(vignette);
    if (!chain || steps.length === 0) return;
    chain.steps.push(...steps);
    chain.size = size;
    chain.fresh = true;
    if (chain.ready) this.schedule();
  }

  /**
   * The editor reported a new document. Its steps come first (tiptap's transaction event comes
   * before its update event); a document that came without them cannot be patched to.
   */
  edited(vignette: number): void {
    const chain = this.chains.get(vignette);
    if (!chain) return;
    if (chain.fresh) chain.fresh = false;
    else this.drop(vignette);
  }

  /** Whether everything typed went out as patches on this connection, up to `revision`. */
  holds(vignette: number, revision: number): boolean {
    const chain = this.chains.get(vignette);
    return (
      chain !== undefined &&
      chain.ready &&
      chain.steps.length === 0 &&
      chain.base === revision &&
      chain.generation === this.channel.generation()
    );
  }

  isPatch(vignette: number, revision: number): boolean {
    return this.sent.get(vignette)?.has(revision) ?? false;
  }

  /** The document a patch made, once acknowledged (forgetting it and older ones). */
  acknowledged(vignette: number, revision: number): unknown {
    const sent = this.sent.get(vignette);
    const doc = sent?.get(revision);
    if (sent && doc !== undefined) for (const r of sent.keys()) if (r <= revision) sent.delete(r);
    return doc;
  }

  drop(vignette: number): void {
    this.chains.delete(vignette);
    this.sent.get(vignette)?.clear();
  }

  dropAll(): void {
    for (const vignette of this.chains.keys()) this.drop(vignette);
  }

  /** Sends each ready chain's steps as its next revision; a chain that cannot go is dropped. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [vignette, chain] of this.chains) {
      if (!chain.ready || chain.steps.length === 0) continue;
      const connected = this.channel.canSend() && chain.generation === this.channel.generation();
      if (!connected || chain.steps.length > MAX_STEPS_PER_PATCH) {
        this.drop(vignette);
        continue;
      }
      // A revision left unused (the frame did not go) is harmless: revisions only need to grow.
      const revision = this.drafts.nextRevision(vignette);
      const frame = JSON.stringify({
        type: 'draft.patch',
        vignette,
        base: chain.base,
        revision,
        size: chain.size,
        steps: chain.steps,
      });
      if (encoder.encode(frame).length > DRAFT_MAX_FRAME_BYTES || !this.channel.send(frame)) {
        this.drop(vignette);
        continue;
      }
      let sent = this.sent.get(vignette);
      if (!sent) this.sent.set(vignette, (sent = new Map()));
      sent.set(revision, this.drafts.latest(vignette));
      this.lastSentAt = Date.now();
      this.chains.set(vignette, { ...chain, base: revision, steps: [] });
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastSentAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }
}
