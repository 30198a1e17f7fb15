import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { observeNotifyLag, setSweeperLeader } from '../src/lib/metrics.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/** The value of one sample line (`name{labels} value`) in a Prometheus text exposition. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series} in:\n${text.slice(0, 2000)}`);
  return Number(line.slice(series.length + 1));
}

const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('/metrics content', () => {
  const form = fixedForm();
  let t: TestApp;
  let cookie: string;
  const open: ExamSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ forms: form.source, listen: true });
    await seedOpenSitting(t.database.db, { formId: form.formId, emails: ['candidate@demo.test'] });
    cookie = await loginAs(t.app, 'candidate@demo.test');
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  };

  it('counts acknowledged saves, their latency, group-commit batches and connected candidates', async () => {
    const before = await scrape();
    const socket = await ExamSocket.connect(t.app, cookie);
    open.push(socket);
    const welcome = await socket.hello();
    if (welcome.attempt.parts[0]?.status === 'not-started') {
      socket.send({ type: 'part.start', part: 1 });
      await socket.next('clock.update');
    }
    const during = await scrape();
    expect(sample(during, 'exam_connected_sockets{role="candidate"}')).toBe(1);

    const seq = welcome.attempt.maxSeq + 1;
    for (const [i, position] of [1, 2, 3].entries()) {
      socket.send({ type: 'answer.save', seq: seq + i, position, choice: 1, flagged: false });
    }
    await socket.next('answer.ack', (m) => m.seq === seq + 2);
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sampleOr0(before, series);
    expect(delta('exam_acks_total{kind="answer"}')).toBe(3);
    expect(delta('exam_ack_latency_seconds_count{kind="answer"}')).toBe(3);
    expect(delta('exam_ack_latency_seconds_bucket{le="+Inf",kind="answer"}')).toBe(3);
    // Three saves, one to three batches: each batch counted once, its items summed.
    expect(delta('exam_group_commit_batch_size_sum{writer="answers"}')).toBe(3);
    const batches = delta('exam_group_commit_batch_size_count{writer="answers"}');
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThanOrEqual(3);
    expect(delta('exam_group_commit_seconds_count{writer="answers"}')).toBe(batches);

    socket.close();
    await socket.closed();
    await expect
      .poll(async () => sample(await scrape(), 'exam_connected_sockets{role="candidate"}'))
      .toBe(0);
  });

  it('holds event-loop lag, pool use, and the NOTIFY lag and sweeper leadership the other instances set', async () => {
    const before = await scrape();
    setSweeperLeader(true);
    observeNotifyLag(0.03);
    const text = await scrape();
    expect(sample(text, 'sweeper_leader')).toBe(1);
    expect(
      sample(text, 'notify_lag_seconds_count') - sampleOr0(before, 'notify_lag_seconds_count'),
    ).toBe(1);
    expect(sample(text, 'notify_lag_seconds_bucket{le="0.05"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    for (const name of ['pg_pool_connections', 'pg_pool_idle', 'pg_pool_waiting']) {
      expect(sample(text, name)).toBeGreaterThanOrEqual(0);
    }
    expect(text).toContain('# TYPE exam_connected_sockets gauge');
    expect(text).toContain('# HELP exam_acks_total');
    setSweeperLeader(false);
    expect(sample(await scrape(), 'sweeper_leader')).toBe(0);
  });
});

function sampleOr0(text: string, series: string): number {
  return text.split('\n').some((l) => l.startsWith(`${series} `)) ? sample(text, series) : 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

describe('/metrics protection in production', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));
  const production = async (env: Record<string, string>) => {
    const app = await createTestApp({ seed: false, env: { NODE_ENV: 'production', ...env } });
    apps.push(app);
    return app;
  };

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    const { app } = await production({ METRICS_TOKEN: TOKEN });
    const none = await app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).not.toContain('exam_acks_total');
    const wrong = await app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('exam_acks_total');
  });

  it('serves nothing without a token or a port of its own', async () => {
    const { app } = await production({});
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('exam_acks_total');
  });

  it('serves METRICS_PORT only, never the app port, when a port is given', async () => {
    const port = await freePort();
    const { app } = await production({ METRICS_PORT: String(port), HOST: '127.0.0.1' });
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('exam_group_commit_seconds');
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });

  it('refuses a token too short to be a secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: must be at least 16 characters/,
    );
  });
});
