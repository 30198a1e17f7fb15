/*
 * The stable codes an essay is refused with, and the error the checks throw to carry one. Apart
 * from validate.ts so the structural walk (essay-tree-check.ts) and the validators built on it
 * share them without importing each other both ways.
 */

export const essayValidationCodes = [
  'ESSAY_NOT_AN_OBJECT',
  'ESSAY_FORBIDDEN_KEY',
  'ESSAY_EVENT_HANDLER_KEY',
  'ESSAY_UNKNOWN_KEY',
  'ESSAY_UNKNOWN_NODE_TYPE',
  'ESSAY_UNKNOWN_MARK_TYPE',
  'ESSAY_UNKNOWN_ATTRIBUTE',
  'ESSAY_INVALID_ATTRIBUTE',
  'ESSAY_UNSAFE_URL',
  'ESSAY_INVALID_TEXT',
  'ESSAY_INVALID_STRUCTURE',
  'ESSAY_TOO_DEEP',
  'ESSAY_TOO_LARGE',
] as const;
export type EssayValidationCode = (typeof essayValidationCodes)[number];

/**
 * A refusal thrown by the essay checks. Those of essay-tree-check.ts start their messages with a
 * location relative to the node being checked ("", ".attrs", ".marks[0]"); checkTree prefixes the
 * node's path only when one is thrown, because building a path string for every node would cost
 * more than the checks.
 */
export class Refusal extends Error {
  constructor(
    readonly code: EssayValidationCode,
    message: string,
  ) {
    super(message);
  }
}
