import pg from 'pg';
import type { Database } from '../../../server/src/db/client.js';
import type { FleetMember } from './candidate-fleet.js';
import { HARNESS_APPLICATION_NAME } from './private-cluster.js';
import type { SaveContent } from './sim-candidate.js';

export interface SaveCheck {
  /** Acknowledged saves checked. */
  ackedSaves: number;
  /** Acknowledged saves whose `answer_saves` row is missing or holds other content. */
  lostSaves: number;
  /** Questions whose `answers` row is older than the highest acknowledged save for it. */
  staleAnswers: number;
  /** Rows that contradict what was sent, or `answers` that disagree with the save log. */
  inconsistencies: number;
  /** The first few findings, readable. */
  details: string[];
}

interface LoggedSave extends SaveContent {
  attempt_id: string;
  seq: string;
}

const MAX_DETAILS = 20;
const same = (a: SaveContent, b: SaveContent) =>
  a.position === b.position && a.choice === b.choice && a.flagged === b.flagged;
const show = (c: SaveContent) => `q${c.position}=${String(c.choice)}${c.flagged ? '+flag' : ''}`;

/** The rows a check reads: attempts, the save log and the current answers. */
interface SaveRows {
  attempts: { id: string; candidate_id: string }[];
  log: LoggedSave[];
  current: LoggedSave[];
}

type Query = <T>(text: string, values: unknown[]) => Promise<T[]>;

async function readSaveRows(query: Query, candidateIds: string[]): Promise<SaveRows> {
  const attempts = await query<{ id: string; candidate_id: string }>(
    'SELECT id, candidate_id FROM attempts WHERE candidate_id = ANY($1::uuid[])',
    [candidateIds],
  );
  const attemptIds = attempts.map((a) => a.id);
  const log = await query<LoggedSave>(
    `SELECT attempt_id, seq::text AS seq, position, choice, flagged
     FROM answer_saves WHERE attempt_id = ANY($1::uuid[])`,
    [attemptIds],
  );
  const current = await query<LoggedSave>(
    `SELECT attempt_id, seq::text AS seq, position, choice, flagged
     FROM answers WHERE attempt_id = ANY($1::uuid[])`,
    [attemptIds],
  );
  return { attempts, log, current };
}

/**
 * Checks, directly in the database, that every save acknowledged so far is stored with the
 * acknowledged content, and that each question's current answer is the highest acknowledged
 * change or a later one. `source` is a PostgreSQL URL (safe under load: the acknowledgements
 * are copied before one repeatable-read snapshot is read, and committed rows never go away), or
 * an opened database with no server writing to it (the embedded PGlite after its server died).
 */
export async function verifyAcknowledgedSaves(
  source: string | Database,
  members: FleetMember[],
): Promise<SaveCheck> {
  const acked = members.map((m) => new Map(m.sim.answers.acked));
  const candidateIds = members.map((m) => m.seat.candidateId);
  let rows: SaveRows;
  if (typeof source === 'string') {
    const client = new pg.Client({
      connectionString: source,
      application_name: HARNESS_APPLICATION_NAME,
    });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      rows = await readSaveRows(
        async <T>(text: string, values: unknown[]) =>
          (await client.query(text, values)).rows as T[],
        candidateIds,
      );
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  } else {
    rows = await readSaveRows(
      <T>(text: string, values: unknown[]) => source.raw<T>('', text, values),
      candidateIds,
    );
  }
  const { attempts, log, current } = rows;

  const check: SaveCheck = {
    ackedSaves: 0,
    lostSaves: 0,
    staleAnswers: 0,
    inconsistencies: 0,
    details: [],
  };
  const note = (line: string) => {
    if (check.details.length < MAX_DETAILS) check.details.push(line);
  };
  const attemptOf = new Map(attempts.map((a) => [a.candidate_id, a.id]));
  const byAttempt = <T extends { attempt_id: string }>(rows: T[]) => {
    const grouped = new Map<string, T[]>();
    for (const row of rows)
      grouped.set(row.attempt_id, [...(grouped.get(row.attempt_id) ?? []), row]);
    return grouped;
  };
  const logBy = byAttempt(log);
  const currentBy = byAttempt(current);

  members.forEach(({ seat, sim }, index) => {
    const mine = acked[index] ?? new Map<number, SaveContent>();
    check.ackedSaves += mine.size;
    const attemptId = attemptOf.get(seat.candidateId);
    const stored = new Map((attemptId ? logBy.get(attemptId) : [])?.map((r) => [Number(r.seq), r]));
    const answers = new Map(
      (attemptId ? currentBy.get(attemptId) : [])?.map((r) => [r.position, r]),
    );

    const highestAcked = new Map<number, number>();
    for (const [seq, content] of mine) {
      highestAcked.set(content.position, Math.max(seq, highestAcked.get(content.position) ?? 0));
      const row = stored.get(seq);
      if (!row || !same(row, content)) {
        check.lostSaves += 1;
        note(
          `${seat.email}: acked seq ${seq} ${show(content)} stored as ${row ? show(row) : 'nothing'}`,
        );
      }
    }
    const highestLogged = new Map<number, number>();
    for (const [seq, row] of stored) {
      highestLogged.set(row.position, Math.max(seq, highestLogged.get(row.position) ?? 0));
      const sent = sim.answers.sent.get(seq);
      if (!sent || !same(sent, row)) {
        check.inconsistencies += 1;
        note(
          `${seat.email}: logged seq ${seq} ${show(row)} was sent as ${sent ? show(sent) : 'nothing'}`,
        );
      }
    }
    for (const [position, seq] of highestAcked) {
      const answer = answers.get(position);
      if (!answer || Number(answer.seq) < seq) {
        check.staleAnswers += 1;
        note(
          `${seat.email}: q${position} answer at seq ${answer?.seq ?? 'none'}, acked up to ${seq}`,
        );
      }
    }
    for (const [position, answer] of answers) {
      const logged = stored.get(Number(answer.seq));
      if (Number(answer.seq) !== highestLogged.get(position) || !logged || !same(logged, answer)) {
        check.inconsistencies += 1;
        note(
          `${seat.email}: q${position} answer ${show(answer)} at seq ${answer.seq}, but the log ` +
            `has ${logged ? show(logged) : 'nothing'} there and its latest for q${position} is ` +
            `seq ${String(highestLogged.get(position) ?? 'none')}`,
        );
      }
    }
  });
  return check;
}
