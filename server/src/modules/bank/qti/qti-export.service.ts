import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../lib/app-error.js';
import type { AuditService } from '../../audit/index.js';
import { examEndorsements } from '@exam/shared/domain';
import { bandsByEndorsement } from '../assembly.js';
import type { VersionRow } from '../bank.repo.js';
import type { BankItemStatus } from '../../../db/schema/bank.js';
import * as qtiRepo from './qti.repo.js';
import { packageEntries, type ExportForm, type ExportVersion } from './qti-writer.js';
import { writePackage } from './qti-zip.js';

function exportVersion(row: VersionRow, itemStatus: BankItemStatus): ExportVersion {
  return {
    itemId: row.itemId,
    itemStatus,
    version: row.version,
    published: row.publishedAt !== null,
    stem: row.stem,
    options: row.options,
    keyIndex: row.keyIndex,
    shuffle: row.shuffle,
    fixedOptions: row.fixedOptions,
    domain: row.domain,
    ageBand: row.ageBand,
    endorsements: examEndorsements.filter((e) => bandsByEndorsement[e].includes(row.ageBand)),
  };
}

function exportForm(entry: Awaited<ReturnType<typeof qtiRepo.formsWithPins>>[number]): ExportForm {
  return {
    id: entry.form.id,
    name: entry.form.name,
    endorsement: entry.form.endorsement,
    items: entry.pins.map((v) => ({ itemId: v.itemId, version: v.version })),
  };
}

export interface QtiPackage {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Exports as QTI 3.0 content packages: the whole bank (every version of every item, and every
 * form as a test), or one form (the versions it pins, and the form). A package carries the keys,
 * so every export is audited with what it held and its digest.
 */
export function createQtiExport(deps: { db: Db; audit: Pick<AuditService, 'appendNow'> }) {
  async function audited(
    actorId: string,
    subject: { subjectType: string; subjectId: string },
    pkg: QtiPackage,
    details: object,
  ): Promise<QtiPackage> {
    await deps.audit.appendNow(deps.db, {
      actorId,
      action: 'bank.qti.export',
      ...subject,
      details: {
        ...details,
        sha256: createHash('sha256').update(pkg.bytes).digest('hex'),
        bytes: pkg.bytes.length,
      },
    });
    return pkg;
  }

  return {
    async exportBank(actor: { id: string }): Promise<QtiPackage> {
      const rows = await qtiRepo.allVersions(deps.db);
      const forms = await qtiRepo.formsWithPins(deps.db, null);
      const versions = rows.map((r) => exportVersion(r.version, r.itemStatus));
      const bytes = writePackage(packageEntries('exam-bank', versions, forms.map(exportForm)));
      return audited(
        actor.id,
        { subjectType: 'bank', subjectId: 'bank' },
        { fileName: 'item-bank-qti3.zip', bytes },
        { scope: 'bank', itemVersions: versions.length, forms: forms.length },
      );
    },

    async exportForm(actor: { id: string }, formId: string): Promise<QtiPackage> {
      const [entry] = await qtiRepo.formsWithPins(deps.db, formId);
      if (!entry) throw new AppError('NOT_FOUND', 'No such form.', 404);
      const statuses = new Map(
        (await qtiRepo.itemsByIds(deps.db, [...new Set(entry.pins.map((p) => p.itemId))])).map(
          (item) => [item.id, item.status],
        ),
      );
      const versions = [...entry.pins]
        .sort((a, b) => a.itemId.localeCompare(b.itemId) || a.version - b.version)
        .map((v) => exportVersion(v, statuses.get(v.itemId) ?? 'active'));
      const bytes = writePackage(packageEntries(`form-${formId}`, versions, [exportForm(entry)]));
      return audited(
        actor.id,
        { subjectType: 'bank_form', subjectId: formId },
        { fileName: `form-${formId}-qti3.zip`, bytes },
        { scope: 'form', formId, itemVersions: versions.length },
      );
    },
  };
}
