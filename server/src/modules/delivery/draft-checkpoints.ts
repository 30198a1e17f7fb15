// Apart from draft-patcher.ts, which takes drafts and patches in order: this is only when and how
// the server stores a patched essay whole itself, so readers need apply only the patches after it.
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { AttemptContext } from './attempt-context.js';
import type { PartTwo } from './part-two.service.js';

/**
 * The server stores the patched document itself after about this many patches, or this long
 * after the last whole draft. Each checkpoint's threshold is drawn between half and one and a
 * half times these, so candidates who started together do not all store whole essays at once.
 * A checkpoint checks and stores the whole essay (about a fortieth of the server's CPU at 250
 * editors when it came every minute, issue 23); a reader applies at most a few hundred patches
 * after one, a few milliseconds.
 */
const CHECKPOINT_PATCHES = 300;
const CHECKPOINT_MS = 120_000;
const jittered = (value: number) => Math.round(value * (0.5 + Math.random()));

/** When a response was last stored whole on this connection, and patches since. */
interface Checkpointing {
  patches: number;
  at: number;
  running: boolean;
  /** This round's thresholds. */
  duePatches: number;
  dueMs: number;
}

const startCheckpointing = (at: number): Checkpointing => ({
  patches: 0,
  at,
  running: false,
  duePatches: jittered(CHECKPOINT_PATCHES),
  dueMs: jittered(CHECKPOINT_MS),
});

/** A durable revision of one response on this connection, as the patcher holds it. */
export interface PatchedHead {
  revision: number;
  doc: ProseMirrorNode;
}

/** One connection's checkpoint rounds, one per response (vignette). */
export class DraftCheckpoints {
  private readonly checkpoints = new Map<number, Checkpointing>();

  constructor(
    private readonly deps: {
      context: AttemptContext;
      partTwo: Pick<PartTwo, 'checkDocument' | 'storeDraft'>;
      now(): number;
      log(message: string, details: Record<string, unknown>): void;
    },
  ) {}

  /** A whole draft set the response's head: a new round starts from it. */
  restart(vignette: number): void {
    this.checkpoints.set(vignette, startCheckpointing(this.deps.now()));
  }

  clear(): void {
    this.checkpoints.clear();
  }

  /** Called as each patch becomes durable; the durable head may already have moved on. */
  checkpointIfDue(vignette: number, head: PatchedHead): void {
    const progress = this.checkpoints.get(vignette);
    if (!progress) return;
    progress.patches += 1;
    const due =
      progress.patches >= progress.duePatches || this.deps.now() - progress.at >= progress.dueMs;
    if (!due || progress.running) return;
    const next = { ...startCheckpointing(this.deps.now()), running: true };
    this.checkpoints.set(vignette, next);
    void this.checkpoint(vignette, head).finally(() => (next.running = false));
  }

  private async checkpoint(vignette: number, head: PatchedHead): Promise<void> {
    const { context, partTwo } = this.deps;
    try {
      const checked = partTwo.checkDocument(head.doc.toJSON());
      if (!checked.ok) {
        this.deps.log('patched draft not checkpointed', { vignette, code: checked.code });
        return;
      }
      await partTwo.storeDraft(context, {
        vignette,
        revision: head.revision,
        doc: checked.doc,
        words: checked.words,
      });
    } catch (error) {
      // The patches stay in the log; the next checkpoint or Part Two's close folds them.
      this.deps.log('draft checkpoint failed', {
        vignette,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
