import { z } from 'zod';
import { receivedErrorCodeSchema } from '../errors/error-codes.js';

/**
 * The candidate's own tools, kept with the attempt: options struck out, highlighted text and a
 * notes pad per question or vignette, and the display preference (larger text, high contrast).
 * Each message carries the whole state of its item with a revision, so the outbox keeps only the
 * latest per item and a stale or replayed one never overwrites a newer one.
 */

/** A note is a scratch pad, not an answer: refused above this many characters (NOTE_TOO_LONG). */
export const NOTE_MAX_CHARS = 2000;
/** Highlights on one item; refused above this (TOO_MANY_HIGHLIGHTS). */
export const MAX_HIGHLIGHTS = 50;
/** Anything far beyond the caps is not a tool change at all: refused as a bad message. */
const NOTE_PARSE_LIMIT = 4 * NOTE_MAX_CHARS;
const HIGHLIGHT_PARSE_LIMIT = 4 * MAX_HIGHLIGHTS;

/** Which text of an item a highlight lies in: the stem, or one paragraph of a vignette's case. */
export const highlightFieldSchema = z.union([
  z.literal('stem'),
  z.string().regex(/^case:\d{1,2}$/),
]);
export type HighlightField = z.infer<typeof highlightFieldSchema>;

/** Character offsets in the field's plain text, end exclusive. */
export const highlightSchema = z.strictObject({
  field: highlightFieldSchema,
  start: z.number().int().min(0).max(100_000),
  end: z.number().int().min(1).max(100_000),
});
export type Highlight = z.infer<typeof highlightSchema>;

export const toolTargetSchema = z.enum(['question', 'vignette']);
export type ToolTarget = z.infer<typeof toolTargetSchema>;

const revision = z.number().int().min(1).max(2_000_000_000);

/** One item's tools, whole: what a welcome restores and what a save sends. */
export const itemToolsSchema = z.strictObject({
  target: toolTargetSchema,
  /** Question position (Part One) or vignette position (Part Two). */
  position: z.number().int().min(1).max(500),
  revision,
  /** Options struck out, by their index as displayed to this candidate (questions only). */
  struck: z.array(z.number().int().min(0).max(3)).max(4),
  highlights: z.array(highlightSchema).max(HIGHLIGHT_PARSE_LIMIT),
  note: z.string().max(NOTE_PARSE_LIMIT),
});
export type ItemTools = z.infer<typeof itemToolsSchema>;

export const toolsSaveSchema = itemToolsSchema.extend({
  type: z.literal('tools.save'),
  madeAt: z.number().int().min(0).max(8.64e15).optional(),
});
export type ToolsSave = z.infer<typeof toolsSaveSchema>;

/** The display the candidate chose; an accommodation's settings apply whatever this says. */
export const displayPreferenceSchema = z.strictObject({
  revision: z.number().int().min(0).max(2_000_000_000),
  largeText: z.boolean(),
  highContrast: z.boolean(),
});
export type DisplayPreference = z.infer<typeof displayPreferenceSchema>;

export const displaySetSchema = z.strictObject({
  type: z.literal('display.set'),
  revision,
  largeText: z.boolean(),
  highContrast: z.boolean(),
});
export type DisplaySet = z.infer<typeof displaySetSchema>;

const base = { serverTime: z.number() };
const itemKey = {
  target: toolTargetSchema,
  position: z.number().int(),
  revision: z.number().int(),
};

export const toolsAckSchema = z.object({ type: z.literal('tools.ack'), ...base, ...itemKey });
export const toolsRejectedSchema = z.object({
  type: z.literal('tools.rejected'),
  ...base,
  ...itemKey,
  code: receivedErrorCodeSchema,
  message: z.string(),
});
export const displayAckSchema = z.object({
  type: z.literal('display.ack'),
  ...base,
  revision: z.number().int(),
});
export const displayRejectedSchema = z.object({
  type: z.literal('display.rejected'),
  ...base,
  revision: z.number().int(),
  code: receivedErrorCodeSchema,
  message: z.string(),
});

/** The key an outbox and a screen keep one item's tools under. */
export const toolsKey = (target: ToolTarget, position: number) => `${target}:${position}`;
