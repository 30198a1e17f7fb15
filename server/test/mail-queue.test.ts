import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { mailMessages } from '../src/db/schema/mail.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/db/schema/associations.js';
import { ManualClock } from '../src/lib/clock.js';
import { createMailBranding } from '../src/modules/auth/index.js';
import {
  createMailModule,
  createMailTransport,
  type MailTransport,
} from '../src/modules/mail/index.js';
import { createTestDatabase } from './helpers/test-database.js';
import { startSmtpSink } from './helpers/smtp-sink.js';

let database: Database;
let drop: () => Promise<void>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const clock = new ManualClock(Date.UTC(2027, 2, 1, 12, 0));
const silent = () => undefined;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await drop();
});

function mailModule(options: { maxAttempts?: number; transport?: MailTransport } = {}) {
  return createMailModule({
    db: database.db,
    clock,
    branding: createMailBranding({ db: database.db }),
    smtpUrl: sink.url,
    mailFrom: 'Exams <no-reply@exams.test>',
    pollMs: 0,
    maxAttempts: options.maxAttempts ?? 5,
    backoffBaseMs: 1000,
    leaseMs: 60_000,
    ...(options.transport ? { transport: options.transport } : {}),
    log: silent,
  });
}

async function rowOf(id: string) {
  const [row] = await database.db.select().from(mailMessages).where(eq(mailMessages.id, id));
  if (!row) throw new Error(`no mail ${id}`);
  return row;
}

async function enqueueReset(mail: ReturnType<typeof mailModule>, to: string) {
  const { id } = await database.db.transaction((tx) =>
    mail.outbox.enqueue(
      {
        to,
        associationId: DEFAULT_ASSOCIATION_ID,
        template: {
          kind: 'password-reset',
          link: `http://exams.test/reset-password?token=${to}`,
          expiresAt: new Date(clock.now().getTime() + 30 * 60_000),
        },
      },
      tx,
    ),
  );
  return id;
}

describe('the mail queue against a real SMTP server', () => {
  it('retries after the server refuses, with backoff recorded, then sends once', async () => {
    const mail = mailModule();
    sink.refuse(2);
    const id = await enqueueReset(mail, 'retry@demo.test');

    await mail.worker.tick();
    let row = await rowOf(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.lastError).toMatch(/451|temporarily unavailable/i);
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(1000);

    // Not due yet: nothing is claimed.
    expect(await mail.worker.tick()).toBe(0);
    clock.advance(1000);
    await mail.worker.tick();
    row = await rowOf(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(2000);

    clock.advance(2000);
    await mail.worker.tick();
    row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, transport: 'smtp', lastError: null });
    const copies = sink.received.filter((m) => m.to.includes('retry@demo.test'));
    expect(copies).toHaveLength(1);
    expect(copies[0]?.raw).toMatch(new RegExp(`Message-ID: <mail-${id}@exams\\.test>`, 'i'));
    expect(copies[0]?.raw).toContain('Content-Type: text/html');
    expect(copies[0]?.raw).toContain('Content-Type: text/plain');
    await mail.stop();
  });

  it('marks a message failed after the last attempt, with the error kept', async () => {
    const mail = mailModule({ maxAttempts: 2 });
    sink.refuse(10);
    const id = await enqueueReset(mail, 'failing@demo.test');
    await mail.worker.tick();
    clock.advance(1000);
    await mail.worker.tick();
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.lastError).toMatch(/451|temporarily unavailable/i);
    clock.advance(3_600_000);
    expect(await mail.worker.tick()).toBe(0);
    sink.refuse(0);
    await mail.stop();
  });

  it('never sends twice after a crash between the server accepting and the mark', async () => {
    sink.refuse(0);
    const real = createMailTransport({
      smtpUrl: sink.url,
      defaultFrom: 'Exams <no-reply@exams.test>',
    });
    let accepted: () => void = () => undefined;
    const acceptedOnce = new Promise<void>((resolve) => (accepted = resolve));
    // The process "dies" right after the server's 250: the send never returns to the worker.
    const dying: MailTransport = {
      kind: 'smtp',
      async send(message) {
        await real.send(message);
        accepted();
        await new Promise(() => undefined);
      },
      close: () => real.close(),
    };
    const crashed = mailModule({ transport: dying });
    const id = await enqueueReset(crashed, 'crash@demo.test');
    void crashed.worker.tick();
    await acceptedOnce;
    expect((await rowOf(id)).status).toBe('sending');

    // A new process starts within the lease: the row is left alone.
    const restarted = mailModule();
    expect(await restarted.worker.tick()).toBe(0);
    expect((await rowOf(id)).status).toBe('sending');
    // After the lease it is uncertain, for an administrator, and still not resent.
    clock.advance(60_001);
    await restarted.worker.tick();
    clock.advance(3_600_000);
    await restarted.worker.tick();
    const row = await rowOf(id);
    expect(row.status).toBe('uncertain');
    expect(row.lastError).toMatch(/may or may not have been delivered/);
    expect(sink.received.filter((m) => m.to.includes('crash@demo.test'))).toHaveLength(1);
    await restarted.stop();
    real.close();
  });
});
