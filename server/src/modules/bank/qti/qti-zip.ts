import { unzipSync, zipSync, type Zippable } from 'fflate';
import {
  QTI_PACKAGE_MAX_BYTES,
  QTI_PACKAGE_MAX_ENTRIES,
  QTI_PACKAGE_MAX_INFLATED_BYTES,
} from '@exam/shared/api';
import { AppError } from '../../../lib/app-error.js';
import { excerpt, LABEL_MAX } from './qti-excerpt.js';

/** Inflated size of any single entry; an item file is a few kilobytes. */
const MAX_ENTRY_BYTES = 5 * 1024 * 1024;

/**
 * A name is taken only as a plain relative path: no `..` segment, no leading slash, no drive
 * letter, no backslash or control character. Nothing is ever written to disk, but the names
 * end up in manifests and messages, and a traversing name says the package was built to attack.
 */
export function safeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 512) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(name)) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..' || segment === '.');
}

/**
 * An entry's name with "/" separators. Zips made by .NET Framework 4.5's ZipFile and some
 * Windows tools write "items\\q1.xml"; the same traversal and absolute-path checks apply after.
 */
function entryName(name: string): string {
  return name.replace(/\\/g, '/');
}

function isZip(bytes: Uint8Array): boolean {
  // Local file header or (for an empty archive) end of central directory.
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

/**
 * Opens an uploaded package with every cap checked from the central directory before anything
 * is inflated: size, entry count, each entry's and the total inflated size, and entry names.
 * fflate inflates each entry into a buffer of its declared size, so an entry that lies about its
 * size is cut there (and then fails to parse) rather than growing memory.
 */
export function readPackage(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.length > QTI_PACKAGE_MAX_BYTES) {
    throw new AppError(
      'PACKAGE_TOO_LARGE',
      `The package is ${bytes.length} bytes; the limit is ${QTI_PACKAGE_MAX_BYTES}.`,
      413,
    );
  }
  if (!isZip(bytes)) {
    throw new AppError('PACKAGE_NOT_ZIP', 'The file is not a zip archive (a QTI package).', 422);
  }
  let entries = 0;
  let inflated = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        entries += 1;
        if (entries > QTI_PACKAGE_MAX_ENTRIES) {
          throw new AppError(
            'PACKAGE_TOO_MANY_ENTRIES',
            `The package holds more than ${QTI_PACKAGE_MAX_ENTRIES} entries.`,
            422,
          );
        }
        if (!safeEntryName(entryName(file.name))) {
          throw new AppError(
            'PACKAGE_UNSAFE_PATH',
            `The package has an entry named "${excerpt(file.name, LABEL_MAX)}"; names must be plain relative paths.`,
            422,
          );
        }
        inflated += file.originalSize;
        if (file.originalSize > MAX_ENTRY_BYTES || inflated > QTI_PACKAGE_MAX_INFLATED_BYTES) {
          throw new AppError(
            'PACKAGE_TOO_LARGE',
            `The package inflates past ${QTI_PACKAGE_MAX_INFLATED_BYTES} bytes (or one entry past ${MAX_ENTRY_BYTES}).`,
            413,
          );
        }
        return !entryName(file.name).endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'PACKAGE_NOT_ZIP',
      `The zip archive cannot be read: ${error instanceof Error ? error.message : 'corrupt'}.`,
      422,
    );
  }
  return new Map(Object.entries(files).map(([name, data]) => [entryName(name), data]));
}

/** Builds a package; entries are stored in the order given, so equal banks give equal bytes. */
export function writePackage(entries: readonly { name: string; text: string }[]): Uint8Array {
  const encoder = new TextEncoder();
  const zippable: Zippable = {};
  for (const entry of entries) zippable[entry.name] = encoder.encode(entry.text);
  // A fixed timestamp: the package's bytes depend on the bank alone, not on the hour of export.
  return zipSync(zippable, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}
