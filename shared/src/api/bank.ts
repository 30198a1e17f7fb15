import { z } from 'zod';
import { ageBands, competencyDomains, examEndorsements } from '../domain/credential.js';
import { bankItemReviewSchema } from './bank-exchange.js';

/**
 * HTTP contract of the item bank (coordinator console). index.ts re-exports every module flat,
 * so names here say "bank", "blueprint" or "form" to stay clear of other modules' exports.
 */

export const bankItemStatusSchema = z.enum(['draft', 'active', 'retired']);
export type BankItemStatus = z.infer<typeof bankItemStatusSchema>;
export const bankFormStatusSchema = z.enum(['draft', 'active', 'retired']);
export type BankFormStatus = z.infer<typeof bankFormStatusSchema>;

export const bankDomainSchema = z.enum(competencyDomains);
export const bankAgeBandSchema = z.enum(ageBands);
export const bankEndorsementSchema = z.enum(examEndorsements);

const optionSchema = z.string().trim().min(1, 'Options cannot be empty').max(500);

/**
 * The options (by index, 0 = A) that keep their place when the others are shuffled for each
 * candidate, such as "All of the above" last. Sorted, so the same choice is always stored alike.
 */
export const bankFixedOptionsSchema = z
  .array(z.number().int().min(0).max(3))
  .max(4)
  .refine((list) => new Set(list).size === list.length, 'An option is listed as fixed twice')
  .transform((list) => [...list].sort((a, b) => a - b));

/**
 * What an author writes: a stem, four options, the key, and where the item sits in the blueprint.
 * `shuffle` (default true) and `fixedOptions` (default none) say how the options may move for a
 * candidate; left out, an item is shuffled whole, as every item was before they existed.
 */
export const bankItemContentSchema = z
  .object({
    stem: z.string().trim().min(10, 'The stem needs at least 10 characters').max(2000),
    options: z.tuple([optionSchema, optionSchema, optionSchema, optionSchema]),
    keyIndex: z.number().int().min(0).max(3),
    shuffle: z.boolean().default(true),
    fixedOptions: bankFixedOptionsSchema.default([]),
    domain: bankDomainSchema,
    ageBand: bankAgeBandSchema,
  })
  .strict()
  .refine((item) => new Set(item.options.map((o) => o.toLowerCase())).size === 4, {
    message: 'The four options must all be different',
    path: ['options'],
  });
export type BankItemContent = z.infer<typeof bankItemContentSchema>;

export const createBankItemRequestSchema = bankItemContentSchema;
export type CreateBankItemRequest = BankItemContent;
/** Replaces the draft's content; on an active item it opens the next version's draft. */
export const updateBankItemRequestSchema = bankItemContentSchema;
export type UpdateBankItemRequest = BankItemContent;

export const bankItemListQuerySchema = z
  .object({
    domain: bankDomainSchema.optional(),
    ageBand: bankAgeBandSchema.optional(),
    status: bankItemStatusSchema.optional(),
  })
  .strict();
export type BankItemListQuery = z.infer<typeof bankItemListQuerySchema>;

/** A version as staff see it, key included; candidates never receive this shape. */
export const bankItemVersionSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int().min(1),
  stem: z.string(),
  options: z.tuple([z.string(), z.string(), z.string(), z.string()]),
  keyIndex: z.number().int().min(0).max(3),
  shuffle: z.boolean(),
  fixedOptions: z.array(z.number().int().min(0).max(3)),
  domain: bankDomainSchema,
  ageBand: bankAgeBandSchema,
  publishedAt: z.string().nullable(),
  publishedBy: z.string().uuid().nullable(),
});
export type BankItemVersion = z.infer<typeof bankItemVersionSchema>;

/** One row of the list: the newest content (the draft when there is one). */
export const bankItemSummarySchema = z.object({
  id: z.string().uuid(),
  status: bankItemStatusSchema,
  stem: z.string(),
  domain: bankDomainSchema,
  ageBand: bankAgeBandSchema,
  latestVersion: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  hasDraft: z.boolean(),
  markedForReview: z.boolean(),
  updatedAt: z.string(),
});
export type BankItemSummary = z.infer<typeof bankItemSummarySchema>;

export const bankItemDetailSchema = z.object({
  id: z.string().uuid(),
  status: bankItemStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  draft: bankItemVersionSchema.nullable(),
  published: bankItemVersionSchema.nullable(),
  /** Every version, newest first. */
  versions: z.array(bankItemVersionSchema),
  review: bankItemReviewSchema.nullable(),
});
export type BankItemDetail = z.infer<typeof bankItemDetailSchema>;

export const bankItemListResponseSchema = z.object({ items: z.array(bankItemSummarySchema) });
export type BankItemListResponse = z.infer<typeof bankItemListResponseSchema>;
export const bankItemResponseSchema = z.object({ item: bankItemDetailSchema });
export type BankItemResponse = z.infer<typeof bankItemResponseSchema>;

/** How many items a form draws from one (domain, age band) cell. */
export const blueprintCellSchema = z.object({
  domain: bankDomainSchema,
  ageBand: bankAgeBandSchema,
  count: z.number().int().min(1).max(200),
});
export type BlueprintCell = z.infer<typeof blueprintCellSchema>;

export const blueprintSchema = z.object({
  cells: z
    .array(blueprintCellSchema)
    .min(1, 'Give at least one question')
    .max(competencyDomains.length * ageBands.length)
    .refine(
      (cells) => new Set(cells.map((c) => `${c.domain}|${c.ageBand}`)).size === cells.length,
      'Each domain and age band may appear only once in a blueprint',
    )
    .refine(
      (cells) => cells.reduce((sum, c) => sum + c.count, 0) <= 200,
      'A form holds at most 200 items',
    ),
});
export type Blueprint = z.infer<typeof blueprintSchema>;

export const blueprintsResponseSchema = z.object({
  /** The blueprint each endorsement's form is assembled from unless the coordinator sends another. */
  defaults: z.record(bankEndorsementSchema, blueprintSchema),
  /** Active items per cell: what assembly can draw from. */
  available: z.array(
    z.object({ domain: bankDomainSchema, ageBand: bankAgeBandSchema, count: z.number().int() }),
  ),
});
export type BlueprintsResponse = z.infer<typeof blueprintsResponseSchema>;

export const assembleFormRequestSchema = z
  .object({
    endorsement: bankEndorsementSchema,
    name: z.string().trim().min(1).max(200),
    /** Omitted: the endorsement's default blueprint. */
    blueprint: blueprintSchema.optional(),
    /** Omitted: a random seed, recorded with the form. */
    seed: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type AssembleFormRequest = z.infer<typeof assembleFormRequestSchema>;

export const bankFormSummarySchema = z.object({
  id: z.string().uuid(),
  endorsement: bankEndorsementSchema,
  name: z.string(),
  status: bankFormStatusSchema,
  itemCount: z.number().int(),
  /** Correct answers needed to pass; set only by adopting a standard-setting study's cut. */
  cutScore: z.number().int(),
  seed: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BankFormSummary = z.infer<typeof bankFormSummarySchema>;

/** A form's make-up for staff: which version sits where; the text is in the preview. */
export const bankFormDetailSchema = bankFormSummarySchema.extend({
  blueprint: blueprintSchema,
  items: z.array(
    z.object({
      position: z.number().int(),
      itemId: z.string().uuid(),
      itemVersionId: z.string().uuid(),
      version: z.number().int(),
      domain: bankDomainSchema,
      ageBand: bankAgeBandSchema,
    }),
  ),
});
export type BankFormDetail = z.infer<typeof bankFormDetailSchema>;

export const bankFormListResponseSchema = z.object({ forms: z.array(bankFormSummarySchema) });
export type BankFormListResponse = z.infer<typeof bankFormListResponseSchema>;
export const bankFormResponseSchema = z.object({ form: bankFormDetailSchema });
export type BankFormResponse = z.infer<typeof bankFormResponseSchema>;

/**
 * The form as a candidate would see it. Strict objects: a key, domain or any other field that
 * slipped into the payload makes the server's own parse fail instead of reaching the browser.
 */
export const formPreviewQuestionSchema = z
  .object({
    position: z.number().int().min(1),
    stem: z.string(),
    /** In authored order; `shuffle` and `fixedOptions` say how they move for each candidate. */
    options: z.tuple([z.string(), z.string(), z.string(), z.string()]),
    /** The version's layout: false, every candidate sees the authored order. */
    shuffle: z.boolean(),
    /** Authored indexes (0 = A) that keep their place while the others are shuffled. */
    fixedOptions: z.array(z.number().int().min(0).max(3)),
  })
  .strict();
export type FormPreviewQuestion = z.infer<typeof formPreviewQuestionSchema>;

export const formPreviewResponseSchema = z
  .object({
    form: z
      .object({
        id: z.string().uuid(),
        name: z.string(),
        endorsement: bankEndorsementSchema,
        itemCount: z.number().int(),
      })
      .strict(),
    questions: z.array(formPreviewQuestionSchema),
  })
  .strict();
export type FormPreviewResponse = z.infer<typeof formPreviewResponseSchema>;
