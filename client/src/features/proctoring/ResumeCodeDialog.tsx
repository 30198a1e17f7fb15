import { useState } from 'react';
import type { ResumeCodeResponse } from '@exam/shared/api';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { ActionDialog } from '../../ui/ActionDialog';
import type { DialogProps } from './ActionDialogs';
import { clockTime } from './format';
import { issueResumeCode } from './proctoring.api';

/** Issues a one-time code for a candidate continuing on another device, and shows it once. */
export function ResumeCodeDialog(props: DialogProps & { candidate: ProctorCandidate }) {
  const { candidate } = props;
  const [issued, setIssued] = useState<ResumeCodeResponse | null>(null);
  return (
    <ActionDialog
      title={`Resume code for ${candidate.name}`}
      confirmLabel="Issue a code"
      hideConfirm={issued !== null}
      onConfirm={async () => {
        setIssued(await issueResumeCode(candidate.enrolmentId));
        return null;
      }}
      onDone={() => props.onDone(issued ? `Issued a resume code for ${candidate.name}.` : null)}
    >
      {issued ? (
        <div role="status">
          <p>Read this code to {candidate.name} or show it to them. It works once.</p>
          <p className="resume-code-value">{issued.code}</p>
          <p>Valid until {clockTime(issued.expiresAt, props.timeZone)}.</p>
        </div>
      ) : (
        <p>
          Check {candidate.name}&apos;s identity first. The code lets them continue this exam on the
          device they enter it on; any earlier code stops working.
        </p>
      )}
    </ActionDialog>
  );
}
