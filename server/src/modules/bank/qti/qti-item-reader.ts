import type { Element } from '@xmldom/xmldom';
import { bankItemContentSchema, type BankItemContent } from '@exam/shared/api';
import { AppError } from '../../../lib/app-error.js';
import { excerpt, LABEL_MAX } from './qti-excerpt.js';
import { knownAgeBand, knownDomain, type ItemResource } from './qti-manifest-reader.js';
import { readOptionLayout } from './qti-option-layout.js';
import { childElements, descendants, normalisedText, parseXml, QTI_NS } from './qti-xml.js';
import { TAXON } from './qti-writer.js';

export type ReadItem =
  | { ok: true; identifier: string; content: BankItemContent }
  | { ok: false; identifier: string | null; reason: string };

/**
 * What an item body may hold besides its one choice interaction: text and inline markup. The
 * bank stores plain text, so an image, table, media object or math would be lost; such items
 * are refused rather than imported without what makes them make sense.
 */
/** The longest identifier of another tool's item the bank keeps (QTI sets no limit). */
export const IDENTIFIER_MAX = 200;

const textElements = new Set([
  'p',
  'div',
  'span',
  'em',
  'strong',
  'b',
  'i',
  'u',
  'br',
  'sub',
  'sup',
  'abbr',
  'cite',
  'q',
  'qti-prompt',
  'qti-choice-interaction',
  'qti-simple-choice',
]);

/** Text of a node without the interaction inside it: the stem around a choice interaction. */
function textOutside(node: Element, skip: Element): string {
  let text = '';
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child === skip) continue;
    if (child.nodeType === 3 || child.nodeType === 4) text += ` ${child.nodeValue ?? ''} `;
    else if (child.nodeType === 1) text += ` ${textOutside(child as Element, skip)} `;
  }
  return text;
}

/**
 * The key of an item scored by a qti-mapping instead of a qti-correct-response (some tools
 * write only the mapping): the one choice mapped to credit. A mapping that credits several
 * choices, or every choice by default, has no single key and is refused.
 */
function keyFromMapping(declaration: Element): string | { refused: string } {
  const mapping = childElements(declaration, 'qti-mapping', QTI_NS)[0];
  if (!mapping) return { refused: 'The item has no correct response.' };
  const credited = childElements(mapping, 'qti-map-entry', QTI_NS).filter(
    (entry) => Number(entry.getAttribute('mapped-value')) > 0,
  );
  const byDefault = Number(mapping.getAttribute('default-value') ?? '0') > 0;
  if (credited.length !== 1 || byDefault) {
    return {
      refused: `The item has no correct response, and its mapping credits ${byDefault ? 'every unlisted choice' : `${credited.length} choices`}; the bank needs exactly one correct choice.`,
    };
  }
  return normalisedText(credited[0]!.getAttribute('map-key'));
}

function refuse(identifier: string | null, reason: string): ReadItem {
  return { ok: false, identifier, reason };
}

/** Reads one qti-assessment-item written by any tool into bank content, or says why it cannot. */
export function readItem(bytes: Uint8Array, resource: ItemResource): ReadItem {
  let root: Element;
  try {
    root = parseXml(bytes, resource.file).documentElement!;
  } catch (error) {
    // A DTD is an attack on the importer, not a flaw in one item: the whole package is refused.
    if (error instanceof AppError && error.code === 'PACKAGE_XML_DTD') throw error;
    return refuse(null, error instanceof Error ? error.message : 'The item cannot be read.');
  }
  const identifier = root.getAttribute('identifier') || null;
  if (root.localName !== 'qti-assessment-item' || root.namespaceURI !== QTI_NS) {
    return refuse(
      identifier,
      `Not a QTI 3.0 assessment item (expected qti-assessment-item in ${QTI_NS}, found ${excerpt(root.localName ?? root.nodeName)} in ${root.namespaceURI === null ? 'no namespace' : excerpt(root.namespaceURI, LABEL_MAX)}).`,
    );
  }
  if (!identifier) return refuse(null, 'The item has no identifier.');
  // Kept to update the item on a later import, so indexed: a label, not a document.
  if (identifier.length > IDENTIFIER_MAX)
    return refuse(
      identifier,
      `The item's identifier is ${identifier.length} characters long; at most ${IDENTIFIER_MAX} are kept.`,
    );
  const body = childElements(root, 'qti-item-body', QTI_NS)[0];
  if (!body) return refuse(identifier, 'The item has no qti-item-body.');
  // A shared passage sits outside the body; without it the question would make no sense.
  const stimulus = childElements(root, 'qti-assessment-stimulus-ref', QTI_NS)[0];
  if (stimulus)
    return refuse(
      identifier,
      `The item refers to a shared stimulus (${excerpt(stimulus.getAttribute('href') ?? 'a passage')}), which the bank cannot keep: items are text only.`,
    );
  const all = descendants(body, '*', '*');
  const interactions = all.filter((el) => (el.localName ?? '').endsWith('-interaction'));
  const other = interactions.find((el) => el.localName !== 'qti-choice-interaction');
  if (other)
    return refuse(
      identifier,
      `Unsupported interaction ${excerpt(other.localName ?? '')}: the bank takes single-choice items only.`,
    );
  if (interactions.length !== 1) {
    return refuse(
      identifier,
      interactions.length === 0
        ? 'The item has no interaction.'
        : `The item has ${interactions.length} interactions; the bank takes one single-choice question per item.`,
    );
  }
  const unsupported = all.find((el) => !textElements.has(el.localName ?? ''));
  if (unsupported)
    return refuse(
      identifier,
      `The item holds <${excerpt(unsupported.localName ?? '')}>, which the bank cannot keep: items are text only.`,
    );
  const interaction = interactions[0]!;
  const maxChoices = interaction.getAttribute('max-choices');
  if (maxChoices !== null && maxChoices !== '1') {
    return refuse(
      identifier,
      `The interaction allows ${excerpt(maxChoices)} choices; the bank takes single-choice items only.`,
    );
  }
  const responseId = interaction.getAttribute('response-identifier');
  const declaration = childElements(root, 'qti-response-declaration', QTI_NS).find(
    (d) => d.getAttribute('identifier') === responseId,
  );
  if (!declaration)
    return refuse(
      identifier,
      `No qti-response-declaration for ${responseId === null ? 'the interaction' : excerpt(responseId)}: no correct response.`,
    );
  if (declaration.getAttribute('cardinality') !== 'single') {
    return refuse(
      identifier,
      `The response has cardinality ${excerpt(declaration.getAttribute('cardinality') ?? '(none)')}; the bank takes single-choice items only.`,
    );
  }
  const values = childElements(declaration, 'qti-correct-response', QTI_NS).flatMap((c) =>
    childElements(c, 'qti-value', QTI_NS),
  );
  if (values.length > 1) return refuse(identifier, 'The item has more than one correct response.');
  const key = values[0] ? normalisedText(values[0].textContent) : keyFromMapping(declaration);
  if (typeof key !== 'string') return refuse(identifier, key.refused);
  const choices = childElements(interaction, 'qti-simple-choice', QTI_NS);
  if (choices.length !== 4)
    return refuse(
      identifier,
      `The item has ${choices.length} choices; bank items have exactly four.`,
    );
  const choiceIds = choices.map((c) => normalisedText(c.getAttribute('identifier')));
  const repeated = choiceIds.find((id, i) => choiceIds.indexOf(id) !== i);
  if (repeated !== undefined)
    return refuse(identifier, `Two choices share the identifier "${excerpt(repeated)}".`);
  const keyIndex = choiceIds.indexOf(key);
  if (keyIndex < 0)
    return refuse(
      identifier,
      `The correct response ${excerpt(key)} is not one of the item's choices.`,
    );
  const layout = readOptionLayout(root, interaction, choices);
  if ('refused' in layout) return refuse(identifier, layout.refused);
  if (!knownDomain(resource.domain)) {
    return refuse(
      identifier,
      resource.domain
        ? `Unknown competency domain "${excerpt(resource.domain)}".`
        : `No competency domain in the manifest metadata (taxon source ${TAXON.domain}).`,
    );
  }
  if (!knownAgeBand(resource.ageBand)) {
    return refuse(
      identifier,
      resource.ageBand
        ? `Unknown age band "${excerpt(resource.ageBand)}".`
        : `No age band in the manifest metadata (taxon source ${TAXON.ageBand}).`,
    );
  }
  const prompt = childElements(interaction, 'qti-prompt', QTI_NS)[0];
  const stem = normalisedText(`${textOutside(body, interaction)} ${prompt?.textContent ?? ''}`);
  const parsed = bankItemContentSchema.safeParse({
    stem,
    options: choices.map((c) => normalisedText(c.textContent)),
    keyIndex,
    ...layout,
    domain: resource.domain,
    ageBand: resource.ageBand,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      identifier,
      `${issue?.path[0] === 'options' ? 'Choices' : 'Stem'}: ${issue?.message ?? 'not a valid item'}.`,
    );
  }
  return { ok: true, identifier, content: parsed.data };
}
