import type { ItemResource } from '../../src/modules/bank/qti/qti-manifest-reader.js';

/** Item files in the shapes other authoring tools write; texts are our own. */
export const NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
/** The manifest's word on the item: what readItem is given beside the bytes. */
export const resource: ItemResource = {
  resourceId: 'R1',
  file: 'items/q1.xml',
  bankItemId: null,
  version: null,
  published: null,
  itemStatus: null,
  domain: 'communicating',
  ageBand: '0-3',
};
const correct = (id: string) =>
  `<qti-correct-response><qti-value>${id}</qti-value></qti-correct-response>`;
/** One single-choice item; each part can be replaced to make the shape under test. */
export function item(opts: { decl?: string; body?: string; head?: string; choices?: string } = {}) {
  const choices =
    opts.choices ??
    `<qti-simple-choice identifier="opt_1">Wait and see</qti-simple-choice>
      <qti-simple-choice identifier="opt_2">Ask the parent what they notice</qti-simple-choice>
      <qti-simple-choice identifier="opt_3">Give a leaflet</qti-simple-choice>
      <qti-simple-choice identifier="opt_4" fixed="true">None of these</qti-simple-choice>`;
  return `${opts.head ?? '<?xml version="1.0" encoding="UTF-8"?>'}
<qti-assessment-item xmlns="${NS}" identifier="q1" title="q1" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">${opts.decl ?? correct('opt_2')}</qti-response-declaration>
  <qti-item-body>${opts.body ?? '<p>A toddler bites at nursery.</p>'}
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="1" shuffle="true">
      <qti-prompt>What comes first?</qti-prompt>
      ${choices}
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>`;
}
export const utf8 = (text: string) => new TextEncoder().encode(text);
