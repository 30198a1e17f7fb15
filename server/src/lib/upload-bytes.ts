import { AppError } from './app-error.js';

/** The upload types the platform accepts, told apart by their first bytes. */
export type UploadType = 'application/pdf' | 'image/png' | 'image/jpeg';

const signatures: { type: UploadType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/**
 * The type of `bytes` by content, never by the file name or a client's header: a renamed
 * executable is refused. Three signatures are all we accept, so a table is enough (a detection
 * library would recognise hundreds of types only to refuse them).
 */
export function sniffUploadType(bytes: Uint8Array): UploadType | null {
  for (const { type, bytes: signature } of signatures)
    if (bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/**
 * Decodes a base64 upload and checks its size and type; throws before anything is stored. Size
 * first, from the encoded length, so an oversized upload is not decoded at all.
 */
export function acceptUpload(
  dataBase64: string,
  options: { maxBytes: number; allowed: readonly UploadType[]; what: string },
): { bytes: Buffer; type: UploadType } {
  const approx = Math.floor((dataBase64.length * 3) / 4);
  const limit = `${Math.round(options.maxBytes / 1024)} KiB`;
  if (approx > options.maxBytes + 2)
    throw new AppError('DOCUMENT_TOO_LARGE', `${options.what} is larger than ${limit}.`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64))
    throw new AppError('DOCUMENT_TYPE_REFUSED', `${options.what} could not be read.`);
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > options.maxBytes)
    throw new AppError('DOCUMENT_TOO_LARGE', `${options.what} is larger than ${limit}.`);
  const type = sniffUploadType(bytes);
  if (!type || !options.allowed.includes(type)) {
    const names = options.allowed.map((t) => t.split('/')[1]!.toUpperCase()).join(', ');
    throw new AppError('DOCUMENT_TYPE_REFUSED', `${options.what} is not a ${names} file.`);
  }
  return { bytes, type };
}
