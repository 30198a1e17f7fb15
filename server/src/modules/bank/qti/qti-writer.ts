import type { AgeBand, CompetencyDomain, ExamEndorsement } from '@exam/shared/domain';
import type { BankItemStatus } from '../../../db/schema/bank.js';
import { layoutAttributes, TOOL } from './qti-option-layout.js';
import { CP_NS, escapeXml as x, LOM_NS, QTI_NS } from './qti-xml.js';

/** The vocabulary our metadata uses in LOM classification taxon paths; the reader expects it. */
export const TAXON = {
  domain: 'urn:exam-platform:competency-domain',
  ageBand: 'urn:exam-platform:age-band',
  endorsement: 'urn:exam-platform:endorsement',
  itemStatus: 'urn:exam-platform:item-status',
} as const;
/** The LOM catalog under which a bank item's id is given, so a re-import finds the same item. */
export const ITEM_CATALOG = 'urn:exam-platform:bank-item';
export const CHOICE_IDS = ['A', 'B', 'C', 'D'] as const;
const MATCH_CORRECT = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml';

/** One item version as it goes into a package. */
export interface ExportVersion {
  itemId: string;
  itemStatus: BankItemStatus;
  version: number;
  published: boolean;
  stem: string;
  options: readonly string[];
  keyIndex: number;
  /** Written as the interaction's shuffle and the choices' fixed="true". */
  shuffle: boolean;
  fixedOptions: readonly number[];
  domain: CompetencyDomain;
  ageBand: AgeBand;
  /** Endorsements whose forms may draw the item (by its age band). */
  endorsements: readonly ExamEndorsement[];
}

export interface ExportForm {
  id: string;
  name: string;
  endorsement: ExamEndorsement;
  items: readonly { itemId: string; version: number }[];
}

export const itemIdentifier = (itemId: string, version: number) => `item-${itemId}-v${version}`;
export const itemFile = (itemId: string, version: number) =>
  `items/${itemIdentifier(itemId, version)}.xml`;
const formIdentifier = (formId: string) => `form-${formId}`;
const formFile = (formId: string) => `tests/${formIdentifier(formId)}.xml`;

/**
 * A qti-assessment-item: a single-choice interaction, its key, scored by match_correct. The
 * interaction says whether delivery shuffles the choices, and each choice kept in place says so.
 */
export function itemXml(v: ExportVersion): string {
  const layout = layoutAttributes(v);
  const choices = v.options
    .map(
      (option, i) =>
        `      <qti-simple-choice identifier="${CHOICE_IDS[i]}"${layout.choice(i)}>${x(option)}</qti-simple-choice>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI_NS}" identifier="${itemIdentifier(v.itemId, v.version)}" title="${x(`${v.domain}, ${v.ageBand}, version ${v.version}`)}" adaptive="false" time-dependent="false" xml:lang="en" tool-name="${TOOL.name}" tool-version="${TOOL.version}">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response>
      <qti-value>${CHOICE_IDS[v.keyIndex]}</qti-value>
    </qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float">
    <qti-default-value>
      <qti-value>0</qti-value>
    </qti-default-value>
  </qti-outcome-declaration>
  <qti-item-body>
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="1" min-choices="1" ${layout.interaction}>
      <qti-prompt>${x(v.stem)}</qti-prompt>
${choices}
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="${MATCH_CORRECT}"/>
</qti-assessment-item>
`;
}

/** A qti-assessment-test: the form's pinned versions, in position order, in one section. */
export function testXml(form: ExportForm): string {
  const refs = form.items
    .map(
      (item) =>
        `      <qti-assessment-item-ref identifier="${itemIdentifier(item.itemId, item.version)}" href="../${itemFile(item.itemId, item.version)}"/>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="${QTI_NS}" identifier="${formIdentifier(form.id)}" title="${x(form.name)}" tool-name="${TOOL.name}" tool-version="${TOOL.version}">
  <qti-test-part identifier="part-one" navigation-mode="nonlinear" submission-mode="simultaneous">
    <qti-assessment-section identifier="section-1" title="${x(form.name)}" visible="true">
${refs}
    </qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>
`;
}

function taxonPath(source: string, entry: string): string {
  return `<lom:taxonPath><lom:source><lom:string>${x(source)}</lom:string></lom:source><lom:taxon><lom:entry><lom:string>${x(entry)}</lom:string></lom:entry></lom:taxon></lom:taxonPath>`;
}

function itemMetadata(v: ExportVersion): string {
  const paths = [
    taxonPath(TAXON.domain, v.domain),
    taxonPath(TAXON.ageBand, v.ageBand),
    ...v.endorsements.map((e) => taxonPath(TAXON.endorsement, e)),
    taxonPath(TAXON.itemStatus, v.itemStatus),
  ].join('');
  return `<metadata><lom:lom><lom:general><lom:identifier><lom:catalog>${ITEM_CATALOG}</lom:catalog><lom:entry>${v.itemId}</lom:entry></lom:identifier></lom:general><lom:lifeCycle><lom:version><lom:string>${v.version}</lom:string></lom:version><lom:status><lom:source>LOMv1.0</lom:source><lom:value>${v.published ? 'final' : 'draft'}</lom:value></lom:status></lom:lifeCycle><lom:classification><lom:purpose><lom:source>LOMv1.0</lom:source><lom:value>competency</lom:value></lom:purpose>${paths}</lom:classification></lom:lom></metadata>`;
}

/**
 * The whole package: imsmanifest.xml first, then one file per item version and per form. Item
 * versions come in the order given, so the same bank always gives the same package.
 */
export function packageEntries(
  manifestId: string,
  versions: readonly ExportVersion[],
  forms: readonly ExportForm[],
): { name: string; text: string }[] {
  const itemResources = versions.map((v) => {
    const file = itemFile(v.itemId, v.version);
    return `    <resource identifier="${itemIdentifier(v.itemId, v.version)}" type="imsqti_item_xmlv3p0" href="${file}">
      ${itemMetadata(v)}
      <file href="${file}"/>
    </resource>`;
  });
  const testResources = forms.map((form) => {
    const file = formFile(form.id);
    const deps = form.items
      .map((i) => `      <dependency identifierref="${itemIdentifier(i.itemId, i.version)}"/>`)
      .join('\n');
    return `    <resource identifier="${formIdentifier(form.id)}" type="imsqti_test_xmlv3p0" href="${file}">
      <metadata><lom:lom><lom:classification><lom:purpose><lom:source>LOMv1.0</lom:source><lom:value>competency</lom:value></lom:purpose>${taxonPath(TAXON.endorsement, form.endorsement)}</lom:classification></lom:lom></metadata>
      <file href="${file}"/>
${deps}
    </resource>`;
  });
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="${CP_NS}" xmlns:lom="${LOM_NS}" identifier="${x(manifestId)}">
  <metadata>
    <schema>QTI Package</schema>
    <schemaversion>3.0.0</schemaversion>
  </metadata>
  <organizations/>
  <resources>
${[...itemResources, ...testResources].join('\n')}
  </resources>
</manifest>
`;
  return [
    { name: 'imsmanifest.xml', text: manifest },
    ...versions.map((v) => ({ name: itemFile(v.itemId, v.version), text: itemXml(v) })),
    ...forms.map((form) => ({ name: formFile(form.id), text: testXml(form) })),
  ];
}
