import type { Element } from '@xmldom/xmldom';
import {
  ageBands,
  competencyDomains,
  type AgeBand,
  type CompetencyDomain,
} from '@exam/shared/domain';
import { bankItemStatuses, type BankItemStatus } from '../../../db/schema/bank.js';
import { AppError } from '../../../lib/app-error.js';
import { excerpt } from './qti-excerpt.js';
import { childElements, normalisedText, parseXml } from './qti-xml.js';
import { ITEM_CATALOG, TAXON } from './qti-writer.js';
import { safeEntryName } from './qti-zip.js';

/** What the manifest says about one item resource; every field but the file may be missing. */
export interface ItemResource {
  resourceId: string;
  file: string;
  /** Our bank item id, when the package came from this platform. */
  bankItemId: string | null;
  version: number | null;
  published: boolean | null;
  itemStatus: BankItemStatus | null;
  domain: CompetencyDomain | string | null;
  ageBand: AgeBand | string | null;
}

export interface ManifestContents {
  items: ItemResource[];
  /** Resources the import does not take, with the reason. */
  skipped: { identifier: string | null; file: string; reason: string }[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function first(parent: Element | undefined, ...path: string[]): Element | undefined {
  let at = parent;
  for (const name of path) at = at ? childElements(at, name, null)[0] : undefined;
  return at;
}

function taxonEntries(lom: Element | undefined, source: string): string[] {
  if (!lom) return [];
  return childElements(lom, 'classification', null)
    .flatMap((c) => childElements(c, 'taxonPath', null))
    .filter((path) => normalisedText(first(path, 'source', 'string')?.textContent) === source)
    .flatMap((path) => childElements(path, 'taxon', null))
    .map((taxon) => normalisedText(first(taxon, 'entry', 'string')?.textContent));
}

function readItemMetadata(resource: Element): Omit<ItemResource, 'resourceId' | 'file'> {
  const lom = first(resource, 'metadata', 'lom');
  const identifier = lom
    ? childElements(first(lom, 'general') ?? lom, 'identifier', null).find(
        (id) => normalisedText(first(id, 'catalog')?.textContent) === ITEM_CATALOG,
      )
    : undefined;
  const entry = normalisedText(first(identifier, 'entry')?.textContent).toLowerCase();
  const versionText = normalisedText(first(lom, 'lifeCycle', 'version', 'string')?.textContent);
  const version = /^[1-9][0-9]{0,5}$/.test(versionText) ? Number(versionText) : null;
  const status = normalisedText(first(lom, 'lifeCycle', 'status', 'value')?.textContent);
  const itemStatus = taxonEntries(lom, TAXON.itemStatus)[0] ?? null;
  return {
    bankItemId: uuidPattern.test(entry) ? entry : null,
    version,
    published: status === 'final' ? true : status === 'draft' ? false : null,
    itemStatus: bankItemStatuses.find((s) => s === itemStatus) ?? null,
    domain: taxonEntries(lom, TAXON.domain)[0] ?? null,
    ageBand: taxonEntries(lom, TAXON.ageBand)[0] ?? null,
  };
}

/** Checks a domain and age band read from metadata against the bank's vocabulary. */
export function knownDomain(value: string | null): value is CompetencyDomain {
  return competencyDomains.some((d) => d === value);
}
export function knownAgeBand(value: string | null): value is AgeBand {
  return ageBands.some((b) => b === value);
}

/** Where a package keeps its manifest: the root, or the one folder a zipped folder holds. */
function manifestFolder(files: ReadonlyMap<string, Uint8Array>): string | null {
  if (files.has('imsmanifest.xml')) return '';
  // "Send to compressed folder" on the package's folder puts everything under that folder.
  const nested = [...files.keys()].filter((name) => /^[^/]+\/imsmanifest\.xml$/.test(name));
  return nested.length === 1 ? nested[0]!.slice(0, -'imsmanifest.xml'.length) : null;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const xmlBase = (el: Element | undefined) =>
  el?.getAttributeNS(XML_NS, 'base') || el?.getAttribute('xml:base') || '';

/**
 * The package entry a resource's href names: relative to the manifest's folder and any
 * xml:base, percent-decoded ("item%201.xml" is "item 1.xml"), "./" and "a/../" resolved. Null
 * for an absolute URL or a path that leaves the package: those are never followed.
 */
function resolveHref(folder: string, bases: string[], href: string): string | null {
  const reference = [...bases.map((b) => (b && !b.endsWith('/') ? `${b}/` : b)), href].join('');
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(reference.replace(/[?#].*$/, ''));
  } catch {
    return null;
  }
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) return null;
  }
  const name = folder + segments.join('/');
  return safeEntryName(name) ? name : null;
}

/** Why a QTI resource of another version is not imported, or null for QTI 3.0 companions. */
function otherVersion(type: string): string | null {
  const version = /xmlv(\d)p(\d)/.exec(type);
  if (!type.startsWith('imsqti') || (version && version[1] === '3')) return null;
  const named = version ? `QTI ${version[1]}.${version[2]}` : 'an earlier QTI version';
  return `Resource type ${excerpt(type)} is ${named}; the bank imports QTI 3.0 items (imsqti_item_xmlv3p0) only: export them from the authoring tool as QTI 3.0.`;
}

/**
 * Reads imsmanifest.xml: the item resources with their metadata, and every other resource as
 * skipped with a reason. Item files are named relative to the manifest; a reference that
 * leaves the package, or names a file the package lacks, is skipped, never followed.
 */
export function readManifest(files: ReadonlyMap<string, Uint8Array>): ManifestContents {
  const folder = manifestFolder(files);
  const bytes = folder === null ? undefined : files.get(`${folder}imsmanifest.xml`);
  if (folder === null || !bytes) {
    throw new AppError(
      'PACKAGE_NO_MANIFEST',
      'The package has no imsmanifest.xml at its root; it is not a QTI content package.',
      422,
    );
  }
  const manifestFile = `${folder}imsmanifest.xml`;
  const root = parseXml(bytes, manifestFile).documentElement!;
  if (root.localName !== 'manifest') {
    throw new AppError('PACKAGE_NO_MANIFEST', `${manifestFile} does not hold a manifest.`, 422);
  }
  const contents: ManifestContents = { items: [], skipped: [] };
  const resourcesEl = first(root, 'resources');
  const resources = childElements(resourcesEl ?? root, 'resource', null);
  for (const resource of resources) {
    const identifier = resource.getAttribute('identifier');
    const type = normalisedText(resource.getAttribute('type'));
    const href =
      resource.getAttribute('href') || first(resource, 'file')?.getAttribute('href') || '';
    const file = href || '(no file)';
    if (type === 'imsqti_test_xmlv3p0') {
      contents.skipped.push({
        identifier,
        file,
        reason: 'A test (form) is not imported: forms are assembled in the bank from its items.',
      });
      continue;
    }
    if (type !== 'imsqti_item_xmlv3p0') {
      const reason = otherVersion(type);
      if (reason) contents.skipped.push({ identifier, file, reason });
      // Stylesheets, images and other web content belong to items we either take as text or refuse.
      continue;
    }
    const entry = href
      ? resolveHref(folder, [xmlBase(root), xmlBase(resourcesEl), xmlBase(resource)], href)
      : null;
    if (!entry || !files.has(entry)) {
      contents.skipped.push({
        identifier,
        file,
        reason: href
          ? `The manifest names ${excerpt(href)}, which is not a file in the package.`
          : 'The manifest gives no file for this item.',
      });
      continue;
    }
    contents.items.push({
      resourceId: identifier ?? entry,
      file: entry,
      ...readItemMetadata(resource),
    });
  }
  if (contents.items.length === 0 && contents.skipped.length === 0) {
    contents.skipped.push({
      identifier: null,
      file: manifestFile,
      reason: 'The manifest lists no QTI items (resources of type imsqti_item_xmlv3p0).',
    });
  }
  return contents;
}
