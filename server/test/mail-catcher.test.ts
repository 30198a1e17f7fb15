import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../src/db/schema/mail.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/db/schema/associations.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n')));
  t = await createTestApp({ logStream });
});
afterAll(() => t.close());

describe('mail on the embedded default (no SMTP_URL)', () => {
  it('delivers to the database catcher and logs the link of an invitation', async () => {
    const link = 'http://127.0.0.1:3000/invitation?token=abc123';
    const { id, duplicate } = await t.app.mail.outbox.enqueue({
      to: 'New.Candidate@demo.test',
      associationId: DEFAULT_ASSOCIATION_ID,
      template: {
        kind: 'invitation',
        recipientName: 'New Candidate',
        roleLabel: 'a candidate',
        link,
        expiresAt: new Date(t.clock.now().getTime() + 7 * 86_400_000),
      },
    });
    expect(duplicate).toBe(false);
    await t.app.mail.worker.tick();
    const [row] = await t.database.db.select().from(mailMessages).where(eq(mailMessages.id, id));
    expect(row).toMatchObject({
      status: 'sent',
      transport: 'catcher',
      toAddress: 'new.candidate@demo.test',
      attempts: 1,
    });
    expect(row?.htmlBody).toContain(`href="${link}"`);
    expect(row?.textBody).toContain(link);
    expect(
      logLines.some((line) =>
        line.includes(`mail: invitation for new.candidate@demo.test: ${link}`),
      ),
    ).toBe(true);
  });

  it('enqueues a dedupe key once', async () => {
    const mail = {
      to: 'c@demo.test',
      associationId: DEFAULT_ASSOCIATION_ID,
      template: { kind: 'password-changed' as const },
      dedupeKey: 'test:once',
    };
    const first = await t.app.mail.outbox.enqueue(mail);
    const second = await t.app.mail.outbox.enqueue(mail);
    expect(second).toEqual({ id: first.id, duplicate: true });
  });

  it('leaves no mail behind when the caller rolls back', async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await t.app.mail.outbox.enqueue(
          {
            to: 'rolled@demo.test',
            associationId: DEFAULT_ASSOCIATION_ID,
            template: { kind: 'two-factor-reset' },
          },
          tx,
        );
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const rows = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, 'rolled@demo.test'));
    expect(rows).toEqual([]);
  });
});
