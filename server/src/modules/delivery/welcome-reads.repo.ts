import type { ItemTools, LateChangeStatus } from '@exam/shared/protocol';
import type { Database } from '../../db/client.js';

/** What a welcome restores of an attempt besides its clocks and questions. */
export interface WelcomeState {
  answers: { position: number; choice: number | null; flagged: boolean; seq: number }[];
  maxSeq: number;
  lateChanges: LateChangeStatus[];
  tools: ItemTools[];
  displayPreference: { revision: number; largeText: boolean; highContrast: boolean };
}

/** What an attempt created a moment ago has stored: nothing. */
export const NOTHING_STORED: WelcomeState = {
  answers: [],
  maxSeq: 0,
  lateChanges: [],
  tools: [],
  displayPreference: { revision: 0, largeText: false, highContrast: false },
};

/**
 * The welcome's five reads (answers, last sequence number, late changes, tools, display
 * preference) as one statement, shaped in PostgreSQL: every (re)connecting candidate sends it,
 * and five round trips each were a quarter of the start spike's statements (issue 23). A held
 * change's reason stays with the proctors until it is decided.
 */
const WELCOME_STATE_SQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object('position', a.position, 'choice', a.choice,
      'flagged', a.flagged, 'seq', a.seq) ORDER BY a.position), '[]')
    FROM answers a WHERE a.attempt_id = $1::uuid) AS answers,
  (SELECT coalesce(max(s.seq), 0) FROM answer_saves s WHERE s.attempt_id = $1::uuid)::text AS max_seq,
  (SELECT coalesce(json_agg(json_build_object('kind', l.kind, 'position', l.position, 'seq', l.seq,
      'status', l.status, 'reason', CASE WHEN l.status = 'held' THEN NULL ELSE l.reason END)
      ORDER BY l.arrived_at, l.seq, l.id), '[]')
    FROM late_changes l WHERE l.attempt_id = $1::uuid) AS late_changes,
  (SELECT coalesce(json_agg(json_build_object('target', t.target, 'position', t.position,
      'revision', t.revision, 'struck', t.struck, 'highlights', t.highlights, 'note', t.note)
      ORDER BY t.target, t.position), '[]')
    FROM attempt_item_tools t WHERE t.attempt_id = $1::uuid) AS tools,
  (SELECT json_build_object('revision', d.revision, 'largeText', d.large_text,
      'highContrast', d.high_contrast)
    FROM attempt_display_preferences d WHERE d.attempt_id = $1::uuid) AS display_preference`;

interface WelcomeStateRow {
  answers: WelcomeState['answers'];
  max_seq: string;
  late_changes: LateChangeStatus[];
  tools: (Omit<ItemTools, 'target'> & { target: string })[];
  display_preference: WelcomeState['displayPreference'] | null;
}

export async function readWelcomeState(
  database: Pick<Database, 'raw'>,
  attemptId: string,
): Promise<WelcomeState> {
  const [row] = await database.raw<WelcomeStateRow>('welcome-state', WELCOME_STATE_SQL, [
    attemptId,
  ]);
  if (!row) throw new Error('the welcome state query returned no row');
  return {
    answers: row.answers,
    maxSeq: Number(row.max_seq),
    lateChanges: row.late_changes,
    tools: row.tools.map((tool) => ({
      ...tool,
      target: tool.target === 'vignette' ? 'vignette' : 'question',
    })),
    displayPreference: row.display_preference ?? NOTHING_STORED.displayPreference,
  };
}
