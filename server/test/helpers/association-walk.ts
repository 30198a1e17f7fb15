import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import {
  associationMembers,
  associations,
  DEFAULT_PROGRAMME_ID,
  users,
} from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/index.js';
import type { AssociationAObjects } from './association-routes.js';

/** The password of association B's people in the isolation walks. */
export const B_PASSWORD = 'association-b-password-2026';

/** Every association-owned table the walks fingerprint: none may change while B's people try. */
const ownedTables = [
  'sittings',
  'sitting_proctors',
  'enrolments',
  'candidate_profiles',
  'association_members',
  'attempts',
  'attempt_parts',
  'clock_events',
  'answers',
  'incidents',
  'late_changes',
  'associations',
  'result_letters',
  'resume_codes',
  'exam_results',
  'sitting_grading_rules',
  'feedback_edits',
  'feedback_approvals',
  'scoring_corrections',
  'responses',
  'users',
  'mail_messages',
  'invitations',
  'appeals',
  'grading_items',
  'grading_assignments',
  'grading_annotations',
];

/** Each owned table's rows, as one fingerprint per table. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const prints: Record<string, string> = {};
  for (const table of ownedTables) {
    const result = await db.execute<{ print: string }>(
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as print from "${table}" t`,
      ),
    );
    const rows = (result as unknown as { rows: { print: string }[] }).rows;
    prints[table] = rows[0]!.print;
  }
  return prints;
}

/**
 * Association B beside the demo's (A), with a coordinator, a proctor and a candidate who belong
 * to B only (`<role>@b.test`, password B_PASSWORD).
 */
export async function makeAssociationB(db: Db): Promise<string> {
  const [b] = await db
    .insert(associations)
    .values({
      programmeId: DEFAULT_PROGRAMME_ID,
      name: 'Association B',
      shortName: 'ASSOC-B',
      contactEmail: 'office@b.test',
      timeZone: 'America/Denver',
    })
    .returning({ id: associations.id });
  const passwordHash = await hashPassword(B_PASSWORD);
  for (const role of ['coordinator', 'proctor', 'candidate'] as const) {
    const [user] = await db
      .insert(users)
      .values({ email: `${role}@b.test`, displayName: `B ${role}`, passwordHash, roles: [] })
      .returning({ id: users.id });
    await db
      .insert(associationMembers)
      .values({ userId: user!.id, associationId: b!.id, roles: [role] });
  }
  return b!.id;
}

/** Every id of A's objects: none may appear in anything B's people are shown. */
export function objectIdsOfA(a: AssociationAObjects): string[] {
  return [
    a.associationId,
    a.sittingId,
    a.enrolmentId,
    a.candidateId,
    a.attemptId,
    a.lateChangeId,
    a.mailId,
    a.invitationId,
    a.appealId,
    a.responseCode,
    a.annotationId,
    a.sessionId,
  ];
}
