import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { applyEssaySteps, getEssaySchema } from '@exam/shared/editor';
import type { DraftPatch, DraftSave } from '@exam/shared/protocol';
import type { AttemptContext } from './attempt-context.js';
import { DraftCheckpoints } from './draft-checkpoints.js';
import type { CheckedDraft, PartTwo, PartTwoResult } from './part-two.service.js';
import type { PatchWriter } from './patch-writer.js';

/** The newest revision of one response on this connection, and whether it is durable yet. */
interface Head {
  revision: number;
  doc: ProseMirrorNode;
  /** True once this revision and every one it builds on are committed. */
  durable: Promise<boolean>;
}

const baseMissing: PartTwoResult = {
  ok: false,
  code: 'PATCH_BASE_MISMATCH',
  message: 'That change builds on a version this connection does not hold; send the whole draft.',
};

// Not final for the client: it sends the whole draft, which is then held for the proctor.
const latePatch: PartTwoResult = {
  ok: false,
  code: 'LATE_SEND_WHOLE',
  message: 'Time ran out before this change arrived; send the whole draft to be held.',
};

const partTwoClosed: PartTwoResult = {
  ok: false,
  code: 'PART_CLOSED',
  message: 'Part Two is closed; this change was not saved.',
};

const sizeMismatch: PartTwoResult = {
  ok: false,
  code: 'PATCH_REFUSED',
  message: 'That change leads to another document than the editor holds; send the whole draft.',
};

/**
 * One connection's drafts and patches, in the order the candidate sent them. A whole draft sets
 * the response's head; a patch applies to the head it names (validated step by step against the
 * editor schema), is group-committed to the patch log, and is acknowledged only once it and
 * everything it builds on are durable. Anything this connection cannot apply is refused, and the
 * client falls back to the whole draft, which is always correct. Every so often the server stores
 * the patched document as a draft itself, so readers need apply only the patches after it.
 */
export class DraftPatcher {
  private readonly heads = new Map<number, Head>();
  /** When to store a patched document whole (draft-checkpoints.ts). */
  private readonly checkpoints: DraftCheckpoints;
  /** Drafts and patches are taken in arrival order; only their checks wait in this queue. */
  private order: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      context: AttemptContext;
      partTwo: Pick<
        PartTwo,
        | 'checkOpen'
        | 'checkDraft'
        | 'checkLateDraft'
        | 'checkDocument'
        | 'storeDraft'
        | 'versionOf'
        | 'refresh'
      >;
      writer: PatchWriter;
      now(): number;
      /** Holds a whole draft that came after the deadline and grace (late-changes.service.ts). */
      holdLate(draft: {
        vignette: number;
        revision: number;
        doc: unknown;
        words: number;
        madeAt?: number;
      }): Promise<PartTwoResult>;
      log(message: string, details: Record<string, unknown>): void;
      /** A draft or patch was acknowledged: the candidate is making progress. */
      onStored(): void;
    },
  ) {
    this.checkpoints = new DraftCheckpoints(deps);
  }

  save(message: DraftSave): Promise<PartTwoResult> {
    return this.inOrder(async () => {
      const { context, partTwo } = this.deps;
      // Read before the check awaits anything: see writePatch.
      const version = partTwo.versionOf(context);
      const checked = await partTwo.checkDraft(context, message);
      const { vignette, revision } = message;
      if (!checked.ok && checked.code === 'DEADLINE_PASSED')
        return { result: this.holdLateDraft(message) };
      if (!checked.ok) return { result: Promise.resolve(checked) };
      const stored = this.storeDraft(message, checked, version);
      const current = this.heads.get(vignette);
      if (current && current.revision > revision) return { result: stored };
      const head: Head = {
        revision,
        doc: getEssaySchema().nodeFromJSON(checked.doc),
        // A replay of an older revision leaves the response elsewhere: nothing may build on it.
        durable: stored.then((r) => r.ok && r.stored === true),
      };
      this.checkpoints.restart(vignette);
      this.setHead(vignette, head);
      return { result: stored };
    });
  }

  patch(message: DraftPatch): Promise<PartTwoResult> {
    return this.inOrder(async () => {
      const { context } = this.deps;
      const { vignette, base, revision, steps } = message;
      const version = this.deps.partTwo.versionOf(context);
      const open = await this.deps.partTwo.checkOpen(context, vignette);
      if (!open.ok)
        return { result: Promise.resolve(open.code === 'DEADLINE_PASSED' ? latePatch : open) };
      const head = this.heads.get(vignette);
      if (head && revision <= head.revision) {
        // The same frame again: acknowledged once what it belongs to is durable.
        return { result: head.durable.then((ok) => (ok ? { ok: true } : baseMissing)) };
      }
      if (!head || head.revision !== base) return { result: Promise.resolve(baseMissing) };
      const applied = applyEssaySteps(head.doc, steps);
      if (!applied.ok) return { result: Promise.resolve(applied) };
      if (applied.doc.content.size !== message.size) {
        // The editor holds another document than this connection does: start again from it.
        this.heads.delete(vignette);
        return { result: Promise.resolve(sizeMismatch) };
      }
      const written = this.writePatch(message, version);
      const outcome = Promise.all([head.durable, written]).then(
        ([before, write]): PartTwoResult => {
          if (!write.ok) return write;
          return before ? { ok: true } : baseMissing;
        },
      );
      const next: Head = {
        revision,
        doc: applied.doc,
        durable: outcome.then((r) => r.ok),
      };
      this.setHead(vignette, next);
      void next.durable.then(
        (ok) => (ok ? this.checkpoints.checkpointIfDue(vignette, next) : undefined),
        () => undefined,
      );
      return { result: outcome };
    });
  }

  /** A whole draft past the deadline and grace: checked as any draft is, then held. */
  private async holdLateDraft(message: DraftSave): Promise<PartTwoResult> {
    const late = await this.deps.partTwo.checkLateDraft(this.deps.context, message);
    if (!late.ok) return late;
    const { vignette, revision, madeAt } = message;
    return this.deps.holdLate({ vignette, revision, doc: late.doc, words: late.words, madeAt });
  }

  /**
   * Stores a checked draft at the version it was decided on. If Part Two moved under this copy
   * (a pause, a deadline or a closing, perhaps on another instance) it was not stored: the copy
   * has been reread and the draft is decided again on it, once.
   */
  private async storeDraft(
    message: DraftSave,
    draft: CheckedDraft,
    version: number,
    again = true,
  ): Promise<PartTwoResult & { stored?: boolean }> {
    const { context, partTwo } = this.deps;
    const { vignette, revision } = message;
    const outcome = await partTwo.storeDraft(
      context,
      { vignette, revision, doc: draft.doc, words: draft.words },
      version,
    );
    if (outcome !== 'moved') return { ok: true, stored: outcome === 'stored' };
    const reread = partTwo.versionOf(context);
    const checked = await partTwo.checkDraft(context, message);
    if (!checked.ok && checked.code === 'DEADLINE_PASSED') return this.holdLateDraft(message);
    if (!checked.ok) return checked;
    if (again) return this.storeDraft(message, checked, reread, false);
    return partTwoClosed;
  }

  /**
   * Writes a patch at the version it was decided on (read before the decision awaited anything:
   * a choice on the same connection may reread the part meanwhile, and a decision taken on the
   * old copy must not be stored under the new copy's version); decided again, once, if the part
   * moved.
   */
  private async writePatch(
    message: DraftPatch,
    version: number,
    again = true,
  ): Promise<PartTwoResult> {
    const { context, partTwo } = this.deps;
    const { vignette, base, revision, steps } = message;
    const outcome = await this.deps.writer.write({
      attemptId: context.attemptId,
      vignette,
      base,
      revision,
      steps,
      version,
    });
    if (outcome !== 'closed') return { ok: true };
    await partTwo.refresh(context);
    const reread = partTwo.versionOf(context);
    const open = await partTwo.checkOpen(context, vignette);
    if (!open.ok) return open.code === 'DEADLINE_PASSED' ? latePatch : open;
    return again ? this.writePatch(message, reread, false) : partTwoClosed;
  }

  /** The candidate's state was replaced from elsewhere (a restore): nothing may build on it. */
  reset(): void {
    this.heads.clear();
  }

  /**
   * The connection closed. Its patches stay in the log (readers apply them, Part Two's close folds
   * them): storing every document here would turn a room-wide network blip into a burst of whole
   * essays written just as everyone reconnects.
   */
  close(): void {
    this.heads.clear();
    this.checkpoints.clear();
  }

  /** Sets a head, and forgets it if it turns out not to be durable, so nothing builds on it. */
  private setHead(vignette: number, head: Head): void {
    this.heads.set(vignette, head);
    const forget = () => {
      if (this.heads.get(vignette) === head) this.heads.delete(vignette);
    };
    head.durable.then((ok) => ok || forget(), forget);
  }

  /**
   * Runs `take` after every earlier draft or patch has been taken (checked and, for patches,
   * applied), but not committed: commits overlap, each acknowledged on its own.
   */
  private inOrder(take: () => Promise<{ result: Promise<PartTwoResult> }>): Promise<PartTwoResult> {
    const taken = this.order.then(take);
    this.order = taken.catch(() => undefined);
    return taken
      .then((t) => t.result)
      .then((result) => {
        if (result.ok) this.deps.onStored();
        return result;
      });
  }
}
