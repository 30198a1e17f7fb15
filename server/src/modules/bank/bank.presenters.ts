import type {
  BankFormSummary,
  BankItemDetail,
  BankItemSummary,
  BankItemVersion,
} from '@exam/shared/api';
import type { ItemListRow, ItemRow, VersionRow } from './bank.repo.js';
import type { FormWithCount } from './forms.repo.js';

export type Options = [string, string, string, string];

/** The database guarantees four options (a check constraint); the tuple type says so to callers. */
export function asOptions(options: readonly string[]): Options {
  if (options.length !== 4) throw new Error(`an item version has ${options.length} options, not 4`);
  return [options[0]!, options[1]!, options[2]!, options[3]!];
}

export function presentVersion(row: VersionRow): BankItemVersion {
  return {
    id: row.id,
    version: row.version,
    stem: row.stem,
    options: asOptions(row.options),
    keyIndex: row.keyIndex,
    shuffle: row.shuffle,
    fixedOptions: row.fixedOptions,
    domain: row.domain,
    ageBand: row.ageBand,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: row.publishedBy,
  };
}

/** `versions` newest first, as versionsOf returns them. */
export function presentItem(item: ItemRow, versions: readonly VersionRow[]): BankItemDetail {
  const draft = versions.find((v) => v.publishedAt === null);
  const published = versions.find((v) => v.publishedAt !== null);
  return {
    id: item.id,
    status: item.status,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    draft: draft ? presentVersion(draft) : null,
    published: published ? presentVersion(published) : null,
    versions: versions.map(presentVersion),
    review:
      item.reviewRequestedAt && item.reviewNote !== null
        ? {
            requestedAt: item.reviewRequestedAt.toISOString(),
            requestedBy: item.reviewRequestedBy,
            note: item.reviewNote,
          }
        : null,
  };
}

export function presentItemSummary(row: ItemListRow): BankItemSummary {
  return {
    id: row.id,
    status: row.status,
    stem: row.stem,
    domain: row.domain,
    ageBand: row.ageBand,
    latestVersion: row.latestVersion,
    publishedVersion: row.publishedVersion,
    hasDraft: row.latestPublishedAt === null,
    markedForReview: row.reviewRequestedAt !== null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentFormSummary(form: FormWithCount): BankFormSummary {
  return {
    id: form.id,
    endorsement: form.endorsement,
    name: form.name,
    status: form.status,
    itemCount: form.itemCount,
    cutScore: form.cutScore,
    seed: form.seed,
    createdAt: form.createdAt.toISOString(),
    updatedAt: form.updatedAt.toISOString(),
  };
}
