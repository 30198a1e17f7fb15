import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.js';
import {
  appeals,
  attempts,
  enrolments,
  gradingAnnotations,
  graderPauses,
  gradingAssignments,
  gradingItems,
  invitations,
  lateChanges,
  mailMessages,
  rubrics,
  sessions,
  sittings,
} from '../../src/db/schema/index.js';
import type { AssociationAObjects } from './association-routes.js';
import { userIdOf } from './grading-fixture.js';
import { loginAs } from './test-app.js';

/**
 * Association A's objects for the isolation walk: the demo candidate's sitting, enrolment and
 * attempt (after sitting Part One), and one of every other kind of thing a route names by id
 * (a held late change, a failed mail, an open invitation, an appeal, a response to grade with a
 * grader's annotation, a signed-in session), so each route is walked against a real row of A's
 * rather than an id that exists nowhere.
 */
export async function associationAObjects(
  app: FastifyInstance,
  db: Db,
): Promise<AssociationAObjects> {
  const candidateId = await userIdOf(db, 'candidate@demo.test');
  const [enrolment] = await db
    .select()
    .from(enrolments)
    .where(eq(enrolments.candidateId, candidateId));
  const [attempt] = await db.select().from(attempts).where(eq(attempts.candidateId, candidateId));
  const [sitting] = await db.select().from(sittings).where(eq(sittings.id, enrolment!.sittingId));
  const associationId = sitting!.associationId;
  const now = new Date();
  const [late] = await db
    .insert(lateChanges)
    .values({
      attemptId: attempt!.id,
      part: 1,
      kind: 'answer',
      position: 1,
      seq: 999,
      payload: { choice: 0, flagged: false },
      arrivedAt: now,
    })
    .returning({ id: lateChanges.id });
  // A failed message of A's, so resolving it would change something if B could reach it.
  const [mail] = await db
    .insert(mailMessages)
    .values({
      associationId,
      kind: 'password-changed',
      toAddress: 'candidate@demo.test',
      subject: 'Your password was changed',
      textBody: 'Casey Candidate',
      htmlBody: '<p>Casey Candidate</p>',
      status: 'failed',
      lastError: 'refused',
    })
    .returning({ id: mailMessages.id });
  // An open invitation A's coordinator sent: resending or revoking it would change its row.
  const [invitation] = await db
    .insert(invitations)
    .values({
      userId: candidateId,
      associationId,
      tokenHash: 'a'.repeat(64),
      invitedBy: await userIdOf(db, 'coordinator@demo.test'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 7 * 86_400_000),
    })
    .returning({ id: invitations.id });
  // A requested appeal: triage or a decision by B would move its status.
  const [appeal] = await db
    .insert(appeals)
    .values({
      associationId,
      sittingId: sitting!.id,
      attemptId: attempt!.id,
      candidateId,
      parts: ['one'],
      grounds: 'Casey Candidate asks for a review',
      statusSince: now,
      requestedAt: now,
    })
    .returning({ id: appeals.id });
  // A Part Two response of A's candidate, read by a grader who annotated it.
  const [rubric] = await db.select().from(rubrics).limit(1);
  const [item] = await db
    .insert(gradingItems)
    .values({
      code: 'R-AAAA0001',
      attemptId: attempt!.id,
      vignette: 1,
      sittingId: sitting!.id,
      candidateId,
      variant: rubric!.variant,
      rubricId: rubric!.id,
      status: 'final',
      final: null,
      finalizedAt: now,
      createdAt: now,
    })
    .returning({ id: gradingItems.id, code: gradingItems.code });
  const readerId = await userIdOf(db, 'grader1@demo.test');
  const [reading] = await db
    .insert(gradingAssignments)
    .values({
      itemId: item!.id,
      graderId: readerId,
      role: 'reader',
      orderKey: 'a',
      status: 'submitted',
      rubricId: rubric!.id,
      assignedAt: now,
      submittedAt: now,
    })
    .returning({ id: gradingAssignments.id });
  const [annotation] = await db
    .insert(gradingAnnotations)
    .values({
      assignmentId: reading!.id,
      start: 0,
      end: 5,
      quote: 'Casey',
      comment: 'A reader of A',
      createdAt: now,
    })
    .returning({ id: gradingAnnotations.id });
  // The reader is paused: the pause is the programme's, the reading in its review is A's.
  const [pause] = await db
    .insert(graderPauses)
    .values({ graderId: readerId, reason: 'seeds', details: {}, pausedAt: now })
    .returning({ id: graderPauses.id });
  await loginAs(app, 'candidate@demo.test');
  const [session] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, candidateId))
    .orderBy(desc(sessions.createdAt))
    .limit(1);
  return {
    associationId,
    sittingId: sitting!.id,
    enrolmentId: enrolment!.id,
    candidateId,
    attemptId: attempt!.id,
    lateChangeId: late!.id,
    formId: Object.values(sitting!.forms)[0]!,
    mailId: mail!.id,
    invitationId: invitation!.id,
    appealId: appeal!.id,
    responseCode: item!.code,
    readerId,
    annotationId: annotation!.id,
    sessionId: session!.id,
    pauseId: pause!.id,
  };
}
