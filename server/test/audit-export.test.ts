import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  privateKeyPem,
  signBytes,
  type SigningKey,
} from '../src/lib/ed25519.js';
import { createAuditService, createCheckpointer } from '../src/modules/audit/index.js';
import { queryRows } from '../src/db/client.js';
import { runVerify } from '../src/modules/audit/audit.verify-command.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';
import { checkpointMessage } from '../src/modules/audit/audit.chain.js';

/** An export from the admin route, verified offline with only the public key, and tampered. */
const key = generateSigningKey();
const dir = mkdtempSync(path.join(tmpdir(), 'audit-export-'));
let t: TestApp;
let exported: string;

beforeAll(async () => {
  // The key as an operator would set it: base64 PKCS8 on one line.
  const base64 = privateKeyPem(key).replace(/-----[A-Z ]+-----|\s/g, '');
  t = await createTestApp({ env: { AUDIT_SIGNING_KEY: base64 } });
  const audit = createAuditService({ clock: t.clock });
  const signer = createCheckpointer({
    db: t.database.db,
    clock: t.clock,
    key,
    everyEntries: 100,
    everyMs: 60_000,
    log: () => undefined,
  });
  for (let i = 0; i < 16; i += 1) {
    await audit.appendNow(t.database.db, {
      actorId: null,
      action: 'test.entry',
      subjectType: 'test',
      subjectId: String(i),
      details: { i, note: `entry ${i}`, nested: { z: [i, 'ü'], a: null } },
    });
    if (i === 7) await signer.checkpointNow();
  }
  const cookie = await loginAs(t.app, 'admin@demo.test');
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/audit/export',
    headers: { origin: TEST_ORIGIN, cookie },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('application/x-ndjson');
  expect(response.headers['content-disposition']).toMatch(
    /attachment; filename="audit-log-.*\.jsonl"/,
  );
  exported = response.body;
});
afterAll(() => t.close());

type Line = Record<string, unknown> & { type: string };
const lines = (text: string): Line[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
const unlines = (parsed: readonly Line[]) => parsed.map((l) => JSON.stringify(l)).join('\n');

async function verifyText(text: string, publicKey = key.publicKeyText) {
  const file = path.join(dir, `export-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, text);
  const out: string[] = [];
  const code = await runVerify(
    [file, '--key', publicKey],
    {},
    {
      log: (line) => out.push(line),
      error: (line) => out.push(line),
    },
  );
  return { code, output: out.join('\n'), file };
}

function resign(checkpoint: Line, signer: SigningKey, keyId = signer.keyId): Line {
  const claim = {
    headId: checkpoint.headId as number,
    headHash: checkpoint.headHash as string,
    count: checkpoint.count as number,
    signedAt: new Date(checkpoint.signedAt as string),
    keyId,
  };
  return { ...checkpoint, keyId, signature: signBytes(signer, checkpointMessage(claim)) };
}

describe('audit export', () => {
  it('carries a header, every entry and a checkpoint over its own last entry', () => {
    const parsed = lines(exported);
    expect(parsed[0]).toMatchObject({
      type: 'header',
      keyId: key.keyId,
      publicKey: key.publicKeyText,
    });
    const entries = parsed.filter((l) => l.type === 'entry');
    const checkpoints = parsed.filter((l) => l.type === 'checkpoint');
    expect(entries.length).toBeGreaterThan(10);
    expect(checkpoints.length).toBeGreaterThan(1);
    expect(entries.at(-1)).toMatchObject({ action: 'audit.export' });
    expect(checkpoints.at(-1)).toMatchObject({
      count: entries.length,
      headId: entries.at(-1)?.id,
      headHash: entries.at(-1)?.hash,
    });
  });

  it('verifies offline with the public key', async () => {
    const { code, output } = await verifyText(exported);
    expect(output).toContain('Audit chain intact');
    expect(code).toBe(0);
  });

  it('fails when one line is edited', async () => {
    const parsed = lines(exported);
    const index = 5;
    parsed[index] = { ...parsed[index]!, action: 'user.nothing.happened' };
    const { code, output } = await verifyText(unlines(parsed));
    expect(code).toBe(1);
    expect(output).toContain(
      `BROKEN at entry ${parsed[index]!.id as number}: content does not match`,
    );
  });

  it('fails when the tail is cut, even with its checkpoints left in', async () => {
    const parsed = lines(exported);
    const lastEntry = parsed.findLastIndex((l) => l.type === 'entry');
    const cut = parsed.filter((_, i) => i !== lastEntry && i !== lastEntry - 1);
    const { code, output } = await verifyText(unlines(cut));
    expect(code).toBe(1);
    expect(output).toContain('entries were removed from its end');
  });

  it('fails when a checkpoint signature is forged, or signed by another key', async () => {
    const parsed = lines(exported);
    const at = parsed.findLastIndex((l) => l.type === 'checkpoint');
    const intruder = generateSigningKey();

    const forged = [...parsed];
    forged[at] = resign(parsed[at]!, intruder, key.keyId);
    const first = await verifyText(unlines(forged));
    expect(first.code).toBe(1);
    expect(first.output).toContain('has a signature that does not verify');

    const foreign = [...parsed];
    foreign[at] = resign(parsed[at]!, intruder);
    const second = await verifyText(unlines(foreign));
    expect(second.code).toBe(1);
    expect(second.output).toContain(`signed by key ${intruder.keyId}`);

    // The intruder's key vouches for its own checkpoint only, not for the earlier real one.
    const third = await verifyText(unlines(foreign), intruder.publicKeyText);
    expect(third.code).toBe(1);
  });

  it('refuses to verify an export without a key, and says what is unreadable', async () => {
    const file = path.join(dir, 'plain.jsonl');
    writeFileSync(file, exported);
    const errors: string[] = [];
    const out = { log: () => undefined, error: (line: string) => errors.push(line) };
    expect(await runVerify([file], {}, out)).toBe(2);
    expect(errors.join('\n')).toContain('--key PUBLIC_KEY');
    const garbled = await verifyText(`${exported}not json\n`);
    expect(garbled.code).toBe(1);
    expect(garbled.output).toMatch(/line \d+ is not JSON/);
  });

  it('npm run audit:verify exits 0 on the export and 1 on a cut one', async () => {
    const run = promisify(execFile);
    const cli = path.resolve('server/src/modules/audit/verify-cli.ts');
    const good = await verifyText(exported);
    const ok = await run('npx', ['tsx', cli, good.file, '--key', key.publicKeyText]);
    expect(ok.stdout).toContain('Audit chain intact');

    const parsed = lines(exported);
    const cut = parsed.filter((_, i) => i !== parsed.findLastIndex((l) => l.type === 'entry'));
    const bad = await verifyText(unlines(cut));
    const failed = await run('npx', ['tsx', cli, bad.file, '--key', key.publicKeyText]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('BROKEN');
  });

  it('signs a checkpoint over the head when the server shuts down', async () => {
    await createAuditService({ clock: t.clock }).appendNow(t.database.db, {
      actorId: null,
      action: 'test.last-words',
      subjectType: 'test',
      subjectId: 'end',
    });
    await t.app.close();
    const [last] = await queryRows<{ count: string; head_id: string; key_id: string }>(
      t.database.db,
      sql`SELECT count, head_id, key_id FROM audit_checkpoints ORDER BY count DESC LIMIT 1`,
    );
    const [head] = await queryRows<{ id: string; n: string }>(
      t.database.db,
      sql`SELECT max(id) AS id, count(*) AS n FROM audit_log`,
    );
    expect(Number(last?.count)).toBe(Number(head?.n));
    expect(Number(last?.head_id)).toBe(Number(head?.id));
    expect(last?.key_id).toBe(key.keyId);
  });
});
