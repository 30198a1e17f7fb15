import { createHash } from 'node:crypto';
import type {
  BankItemContent,
  QtiImportItem,
  QtiImportPreview,
  QtiImportRefusal,
} from '@exam/shared/api';
import type { DbOrTx } from '../../../db/client.js';
import type { VersionContent } from '../bank.repo.js';
import type { BankItemStatus } from '../../../db/schema/bank.js';
import { excerpt, LABEL_MAX } from './qti-excerpt.js';
import { readItem } from './qti-item-reader.js';
import { readManifest, type ItemResource } from './qti-manifest-reader.js';
import * as qtiRepo from './qti.repo.js';
import { readPackage } from './qti-zip.js';

/** One version the package holds for an item. */
export interface PlannedVersion {
  identifier: string;
  file: string;
  version: number;
  published: boolean;
  content: BankItemContent;
}

/** What confirming will do for one item; `versions` oldest first. */
export interface PlannedItem {
  preview: QtiImportItem;
  /** Our bank's id when the package came from this platform; null for another tool's item. */
  sourceItemId: string | null;
  /** Another tool's identifier, kept so a later import of the same package updates the item. */
  qtiIdentifier: string | null;
  status: BankItemStatus;
  versions: PlannedVersion[];
}

export interface ImportPlan {
  preview: QtiImportPreview;
  items: PlannedItem[];
}

const sameContent = (a: VersionContent, b: BankItemContent) =>
  a.stem === b.stem &&
  a.keyIndex === b.keyIndex &&
  a.domain === b.domain &&
  a.ageBand === b.ageBand &&
  a.shuffle === b.shuffle &&
  a.options.every((o, i) => o === b.options[i]) &&
  a.fixedOptions.join() === b.fixedOptions.join();

/** A refusal's identifier and file are the package's own words: shown capped, like its quotes. */
const labelled = (refusal: QtiImportRefusal): QtiImportRefusal => ({
  identifier: refusal.identifier === null ? null : excerpt(refusal.identifier, LABEL_MAX),
  file: excerpt(refusal.file, LABEL_MAX),
  reason: refusal.reason,
});

interface Group {
  key: string;
  sourceItemId: string | null;
  entries: { resource: ItemResource; identifier: string; content: BankItemContent }[];
}

/** Orders a group's versions and checks they make a history the bank can hold. */
function versionsOf(group: Group): PlannedVersion[] | string {
  if (group.sourceItemId === null) {
    const [only] = group.entries;
    return [
      {
        identifier: only!.identifier,
        file: only!.resource.file,
        version: 1,
        published: false,
        content: only!.content,
      },
    ];
  }
  const versions = group.entries
    .map((e) => ({
      identifier: e.identifier,
      file: e.resource.file,
      version: e.resource.version ?? 0,
      published: e.resource.published ?? false,
      content: e.content,
    }))
    .sort((a, b) => a.version - b.version);
  if (versions.some((v, i) => v.version !== i + 1)) {
    return `The package's versions of this item (${versions.map((v) => v.version || '?').join(', ')}) do not run 1 to ${versions.length}.`;
  }
  if (versions.slice(0, -1).some((v) => !v.published)) {
    return 'Only the newest version of an item may be an unpublished draft.';
  }
  return versions;
}

/**
 * Reads a package and works out, against the bank as it stands, what confirming would do:
 * which items are created, which get a new draft (update), which are unchanged, and every
 * entry refused with its reason. Reads only; the digest ties a confirmation to this plan.
 */
export async function planImport(db: DbOrTx, bytes: Uint8Array): Promise<ImportPlan> {
  const packageSha256 = createHash('sha256').update(bytes).digest('hex');
  const files = readPackage(bytes);
  const manifest = readManifest(files);
  const refused: QtiImportRefusal[] = [...manifest.skipped];
  const read = manifest.items.map((resource) => ({
    resource,
    result: readItem(files.get(resource.file)!, resource),
  }));
  const counts = new Map<string, number>();
  for (const { result } of read)
    if (result.identifier) counts.set(result.identifier, (counts.get(result.identifier) ?? 0) + 1);
  const groups = new Map<string, Group>();
  for (const { resource, result } of read) {
    if (!result.ok) {
      refused.push({ identifier: result.identifier, file: resource.file, reason: result.reason });
      continue;
    }
    const copies = counts.get(result.identifier) ?? 0;
    if (copies > 1) {
      refused.push({
        identifier: result.identifier,
        file: resource.file,
        reason: `Duplicate identifier: ${copies} items in the package are called ${excerpt(result.identifier)}.`,
      });
      continue;
    }
    const key = resource.bankItemId ?? `qti:${result.identifier}`;
    const group = groups.get(key) ?? { key, sourceItemId: resource.bankItemId, entries: [] };
    group.entries.push({ resource, identifier: result.identifier, content: result.content });
    groups.set(key, group);
  }
  const ours = [...groups.values()]
    .filter((g) => g.sourceItemId !== null)
    .map((g) => g.sourceItemId!);
  const foreign = [...groups.values()]
    .filter((g) => g.sourceItemId === null)
    .map((g) => g.entries[0]!.identifier);
  const existing = new Map((await qtiRepo.itemsByIds(db, ours)).map((item) => [item.id, item]));
  for (const item of await qtiRepo.itemsByQtiIdentifiers(db, foreign))
    existing.set(`qti:${item.qtiIdentifier}`, item);
  const latest = await qtiRepo.latestVersions(
    db,
    [...existing.values()].map((item) => item.id),
  );

  const items: PlannedItem[] = [];
  for (const group of groups.values()) {
    const versions = versionsOf(group);
    const newest =
      typeof versions === 'string' ? group.entries[0]! : versions[versions.length - 1]!;
    if (typeof versions === 'string') {
      refused.push({
        identifier: newest.identifier,
        file: group.entries[0]!.resource.file,
        reason: versions,
      });
      continue;
    }
    const top = versions[versions.length - 1]!;
    const match = existing.get(group.key);
    if (match?.status === 'retired') {
      refused.push({
        identifier: top.identifier,
        file: top.file,
        reason: 'This item is retired in the bank and can no longer change.',
      });
      continue;
    }
    const current = match ? latest.get(match.id) : undefined;
    const action = !match
      ? 'create'
      : current && sameContent(current, top.content)
        ? 'unchanged'
        : 'update';
    const metaStatus = group.entries[0]!.resource.itemStatus;
    const anyPublished = versions.some((v) => v.published);
    items.push({
      sourceItemId: group.sourceItemId,
      qtiIdentifier: group.sourceItemId ? null : top.identifier,
      status:
        metaStatus === 'retired' && anyPublished ? 'retired' : anyPublished ? 'active' : 'draft',
      versions,
      preview: {
        identifier: top.identifier,
        file: top.file,
        action,
        itemId: match?.id ?? null,
        versions: versions.length,
        stem: top.content.stem.slice(0, 200),
        domain: top.content.domain,
        ageBand: top.content.ageBand,
      },
    });
  }
  const previews = items.map((i) => i.preview);
  const planDigest = createHash('sha256')
    .update(
      JSON.stringify([
        packageSha256,
        previews.map((p) => [p.identifier, p.action, p.itemId]),
        refused.length,
      ]),
    )
    .digest('hex');
  const tally = (action: string) => previews.filter((p) => p.action === action).length;
  return {
    items,
    preview: {
      planDigest,
      packageSha256,
      items: previews,
      refused: refused.map(labelled),
      counts: {
        create: tally('create'),
        update: tally('update'),
        unchanged: tally('unchanged'),
        refused: refused.length,
      },
    },
  };
}
