import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { demoBankItems } from '../../server/src/seed/bank/index.js';
import { ExamSocket } from '../../server/test/helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from '../../server/test/helpers/test-app.js';

/**
 * Attack suite, content cases: what a candidate's browser receives during the exam, and what
 * it may send as an essay.
 */
let t: TestApp;
let cookie: string;
const received: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  cookie = await loginAs(t.app, 'candidate@demo.test');
  const socket = await ExamSocket.connect(t.app, cookie);
  const welcome = await socket.hello();
  socket.send({ type: 'part.start', part: 1 });
  await socket.next('clock.update');
  socket.send({
    type: 'answer.save',
    seq: welcome.attempt.maxSeq + 1,
    position: 1,
    choice: 0,
    flagged: false,
  });
  await socket.next('answer.ack');
  socket.send({ type: 'part.submit', part: 1 });
  await socket.next('welcome');
  socket.send({ type: 'part.start', part: 2 });
  await socket.next('clock.update', (m) => m.clock.part === 2);
  received.push(...socket.raw);
  socket.close();
});
afterAll(() => t.close());

describe('attack suite: content', () => {
  it('11. no candidate payload carries answer keys, rubric text, or items not on their form', async () => {
    const all = received.join('\n');
    expect(all).not.toMatch(/"(key|keyIndex|correct|isCorrect|itemVersionId)"\s*:/i);
    for (const rubric of Object.values(demoRubrics)) {
      for (const criterion of rubric.criteria) {
        for (const level of criterion.levels)
          expect(all).not.toContain(level.descriptor.slice(0, 60));
      }
    }
    const welcome = JSON.parse(received.find((r) => r.includes('"welcome"'))!) as {
      attempt: { questions: { stem: string }[] };
    };
    const onForm = new Set(welcome.attempt.questions.map((q) => q.stem));
    const notOnForm = demoBankItems.filter((item) => !onForm.has(item.stem));
    expect(notOnForm.length).toBeGreaterThan(50);
    for (const item of notOnForm) expect(all).not.toContain(item.stem.slice(0, 80));
  });

  it('13. refuses the essay documents that carry script, and stores nothing', async () => {
    const socket = await ExamSocket.connect(t.app, cookie);
    const { attempt } = await socket.hello();
    const hostile = [
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'x',
                marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
              },
            ],
          },
        ],
      },
      {
        type: 'doc',
        content: [{ type: 'paragraph', attrs: { onmouseover: 'alert(1)' }, content: [] }],
      },
      {
        type: 'doc',
        content: [{ type: 'image', attrs: { src: 'data:image/svg+xml,<svg onload=alert(1)>' } }],
      },
      { type: 'doc', content: [{ type: 'iframe', attrs: { src: 'https://evil.example' } }] },
    ];
    let revision = 0;
    for (const doc of hostile) {
      revision += 1;
      socket.send({ type: 'draft.save', vignette: 1, revision, doc });
      expect((await socket.next('draft.rejected', (m) => m.revision === revision)).code).toMatch(
        /^ESSAY_/,
      );
    }
    const history = await t.app.inject({
      url: `/api/attempts/${attempt.attemptId}/responses/1/history`,
      headers: { cookie: await loginAs(t.app, 'coordinator@demo.test') },
    });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({ current: null, snapshots: [] });
    socket.close();
  });
});
