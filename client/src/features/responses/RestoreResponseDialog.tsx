import { useState } from 'react';
import {
  restoreResponseRequestSchema,
  type ResponseHistory,
  type ResponseSnapshotView,
} from '@exam/shared/api';
import { ActionDialog } from '../../ui/ActionDialog';
import { TextField } from '../../ui/TextField';
import { savedAtText, wordsText } from './response-labels';
import { restoreResponse } from './responses.api';

/**
 * Asks for the reason before making an earlier version current again. The server stores it as
 * a new revision, audits the reason and sends the text to the candidate's open editor.
 */
export function RestoreResponseDialog(props: {
  attemptId: string;
  vignette: number;
  candidateName: string;
  snapshot: ResponseSnapshotView;
  timeZone: string | undefined;
  onRestored(history: ResponseHistory): void;
  /** Called when the dialog closes, with what to announce (null when cancelled). */
  onDone(message: string | null): void;
}) {
  const [reason, setReason] = useState('');
  const { snapshot } = props;
  const request = { snapshotId: snapshot.id, reason };

  return (
    <ActionDialog
      title={`Restore revision ${snapshot.revision}?`}
      confirmLabel="Restore this version"
      validate={() => {
        const parsed = restoreResponseRequestSchema.safeParse(request);
        return parsed.success ? null : `Reason: ${parsed.error.issues[0]?.message ?? 'check it.'}`;
      }}
      onConfirm={async () => {
        const history = await restoreResponse(props.attemptId, props.vignette, request);
        props.onRestored(history);
        const now = history.current?.revision;
        return `Restored revision ${snapshot.revision}${now ? ` as revision ${now}` : ''}.`;
      }}
      onDone={props.onDone}
    >
      <p>
        {props.candidateName}&rsquo;s response to vignette {props.vignette} goes back to the version
        saved {savedAtText(snapshot.at, props.timeZone)} ({wordsText(snapshot.words)}), stored as a
        new revision. The current text stays in the history. If the candidate is connected, their
        editor shows the restored text at once.
      </p>
      <TextField
        label="Reason"
        hint="Recorded in the audit log, for example the incident it follows."
        value={reason}
        onChange={setReason}
        maxLength={500}
        required
      />
    </ActionDialog>
  );
}
