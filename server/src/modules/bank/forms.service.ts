import { randomBytes } from 'node:crypto';
import {
  formPreviewResponseSchema,
  type AssembleFormRequest,
  type BankFormDetail,
  type BankFormSummary,
  type BlueprintsResponse,
  type FormPreviewResponse,
} from '@exam/shared/api';
import type { AgeBand, CompetencyDomain, ExamEndorsement } from '@exam/shared/domain';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { assembleForm, defaultBlueprints } from './assembly.js';
import * as bankRepo from './bank.repo.js';
import { asOptions, presentFormSummary } from './bank.presenters.js';
import * as formsRepo from './forms.repo.js';
import type { Actor } from './items.service.js';

/** One question of a form as delivery needs it. Server-only: it carries the key. */
export interface FormItem {
  position: number;
  itemVersionId: string;
  stem: string;
  options: [string, string, string, string];
  keyIndex: number;
  /** Whether and how its options are shuffled per candidate (delivery's option-order.ts). */
  shuffle: boolean;
  fixedOptions: number[];
  domain: CompetencyDomain;
  ageBand: AgeBand;
}

/** Blueprints, form assembly and activation, and the read side delivery uses. */
export function createFormsService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}) {
  async function detail(db: DbOrTx, id: string): Promise<BankFormDetail> {
    const form = await formsRepo.findForm(db, id);
    if (!form) throw new AppError('NOT_FOUND', 'No such form.', 404);
    const items = await formsRepo.formItemsWithContent(db, id);
    return {
      ...presentFormSummary(form),
      blueprint: form.blueprint,
      items: items.map(({ position, itemId, itemVersionId, version, domain, ageBand }) => ({
        position,
        itemId,
        itemVersionId,
        version,
        domain,
        ageBand,
      })),
    };
  }

  async function lockForm(tx: DbOrTx, id: string) {
    const form = await formsRepo.lockForm(tx, id);
    if (!form) throw new AppError('NOT_FOUND', 'No such form.', 404);
    return form;
  }

  return {
    async blueprints(): Promise<BlueprintsResponse> {
      const counts = new Map<string, BlueprintsResponse['available'][number]>();
      for (const item of await bankRepo.activePool(deps.db)) {
        const key = `${item.domain}|${item.ageBand}`;
        const cell = counts.get(key) ?? { domain: item.domain, ageBand: item.ageBand, count: 0 };
        cell.count += 1;
        counts.set(key, cell);
      }
      return { defaults: defaultBlueprints, available: [...counts.values()] };
    },

    async listForms(): Promise<BankFormSummary[]> {
      return (await formsRepo.listForms(deps.db)).map(presentFormSummary);
    },

    getForm(id: string): Promise<BankFormDetail> {
      return detail(deps.db, id);
    },

    /** Draws a new draft form from the active bank; the seed is recorded so it can be redrawn. */
    async assembleForm(actor: Actor, input: AssembleFormRequest): Promise<BankFormDetail> {
      const at = deps.clock.now();
      const blueprint = input.blueprint ?? defaultBlueprints[input.endorsement];
      const seed = input.seed ?? randomBytes(12).toString('base64url');
      return deps.db.transaction(async (tx) => {
        const pool = await bankRepo.activePool(tx);
        const items = assembleForm({ endorsement: input.endorsement, blueprint, pool, seed });
        const form = await formsRepo.insertForm(tx, {
          endorsement: input.endorsement,
          name: input.name,
          status: 'draft',
          blueprint,
          seed,
          createdBy: actor.id,
          at,
        });
        await formsRepo.insertFormItems(tx, form.id, items);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.form.assemble',
          subjectType: 'bank_form',
          subjectId: form.id,
          details: {
            endorsement: input.endorsement,
            name: input.name,
            seed,
            itemCount: items.length,
          },
        });
        return detail(tx, form.id);
      });
    },

    /** Makes the form the one new sittings of its endorsement use; the previous one is retired. */
    async activateForm(actor: Actor, id: string): Promise<BankFormDetail> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const form = await lockForm(tx, id);
        if (form.status === 'retired') {
          throw new AppError('FORM_RETIRED', 'A retired form cannot be made active again.', 409);
        }
        if (form.status === 'active') return detail(tx, id);
        await formsRepo.lockEndorsementActivation(tx, form.endorsement);
        const previous = await formsRepo.findActiveForm(tx, form.endorsement);
        if (previous) await formsRepo.setFormStatus(tx, previous.id, 'retired', at);
        await formsRepo.setFormStatus(tx, id, 'active', at);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.form.activate',
          subjectType: 'bank_form',
          subjectId: id,
          details: { endorsement: form.endorsement, replaced: previous?.id ?? null },
        });
        return detail(tx, id);
      });
    },

    async retireForm(actor: Actor, id: string): Promise<BankFormDetail> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const form = await lockForm(tx, id);
        if (form.status === 'retired') {
          throw new AppError('FORM_RETIRED', 'This form is already retired.', 409);
        }
        await formsRepo.setFormStatus(tx, id, 'retired', at);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.form.retire',
          subjectType: 'bank_form',
          subjectId: id,
          details: { endorsement: form.endorsement, from: form.status },
        });
        return detail(tx, id);
      });
    },

    /**
     * The form as a candidate would see it, options in authored order with each version's layout
     * (delivery orders them per candidate from it). Parsed with the strict shared schema, so a
     * key cannot slip into the payload.
     */
    async previewForm(id: string): Promise<FormPreviewResponse> {
      const form = await formsRepo.findForm(deps.db, id);
      if (!form) throw new AppError('NOT_FOUND', 'No such form.', 404);
      const items = await formsRepo.formItemsWithContent(deps.db, id);
      return formPreviewResponseSchema.parse({
        form: {
          id: form.id,
          name: form.name,
          endorsement: form.endorsement,
          itemCount: items.length,
        },
        questions: items.map((item) => ({
          position: item.position,
          stem: item.stem,
          options: asOptions(item.options),
          shuffle: item.shuffle,
          fixedOptions: item.fixedOptions,
        })),
      });
    },

    /** The form new attempts of this endorsement sit, if one is active. */
    async activeFormFor(
      endorsement: ExamEndorsement,
    ): Promise<{ formId: string; name: string; itemCount: number } | undefined> {
      const form = await formsRepo.findActiveForm(deps.db, endorsement);
      return form ? { formId: form.id, name: form.name, itemCount: form.itemCount } : undefined;
    },

    /** Every question of a form with its key, ordered by position; empty for an unknown form. */
    async formItems(formId: string): Promise<FormItem[]> {
      const items = await formsRepo.formItemsWithContent(deps.db, formId);
      return items.map((item) => ({
        position: item.position,
        itemVersionId: item.itemVersionId,
        stem: item.stem,
        options: asOptions(item.options),
        keyIndex: item.keyIndex,
        shuffle: item.shuffle,
        fixedOptions: item.fixedOptions,
        domain: item.domain,
        ageBand: item.ageBand,
      }));
    },
  };
}
