import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** The hand-written QTI packages under test/fixtures/qti. */
export const qtiFixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/qti');

/** Zips a fixture folder as another tool would ship it (entry names relative to the folder). */
export function zipFixture(name: string, extra: Record<string, string> = {}): Uint8Array {
  const root = path.join(qtiFixtures, name);
  const files: Zippable = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full);
    }
  };
  walk(root);
  for (const [entry, text] of Object.entries(extra)) files[entry] = new TextEncoder().encode(text);
  return zipSync(files);
}

/** The text entries of a package, by name. */
export function unzipText(bytes: Uint8Array): Map<string, string> {
  const decoder = new TextDecoder();
  return new Map(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [name, decoder.decode(data)]),
  );
}
