import type { PartTwoPolicies, VignetteView } from '@exam/shared/protocol';
import { useRef } from 'react';
import type { ExamClient } from '../exam-client';
import { toggleHighlight } from '../highlights';
import { HighlightableText } from '../HighlightableText';
import { HighlightControls } from '../HighlightControls';
import { NotesPad } from '../NotesPad';
import type { ToolsState } from '../tools-sync';
import { EssayEditor } from './EssayEditor';
import { panelId, tabId } from './VignetteTabs';

/**
 * One vignette: its case and prompts beside the candidate's response (stacked on narrow
 * screens), and the choice to answer it. Hidden panels stay mounted, so each editor keeps its
 * undo history while the candidate moves between vignettes.
 */
export function VignettePanel(props: {
  client: ExamClient;
  vignette: VignetteView;
  hidden: boolean;
  chosen: boolean;
  policies: PartTwoPolicies;
  replaced: number;
  problem: string | undefined;
  readOnly: boolean;
  onChosenChange(chosen: boolean): void;
}) {
  const { vignette, client } = props;
  const heading = `vignette-heading-${vignette.position}`;
  const caseRef = useRef<HTMLElement>(null);
  const tools = client.itemTools('vignette', vignette.position);
  const change = (patch: Partial<ToolsState>) =>
    void client.setItemTools('vignette', vignette.position, { ...tools, ...patch });
  const highlight = (range: { field: string; start: number; end: number }) =>
    change({ highlights: toggleHighlight(tools.highlights, range) });
  return (
    <div
      role="tabpanel"
      id={panelId(vignette.position)}
      aria-labelledby={tabId(vignette.position)}
      hidden={props.hidden}
      className="vignette-panel"
    >
      <article
        className="vignette-case"
        aria-labelledby={heading}
        ref={caseRef}
        data-highlight-root
      >
        <h3 id={heading}>
          Vignette {vignette.position}: {vignette.title}
        </h3>
        {vignette.caseText.map((paragraph, index) => (
          <p key={index}>
            <HighlightableText
              text={paragraph}
              field={`case:${index}`}
              highlights={tools.highlights}
              readOnly={props.readOnly}
              onHighlight={(range) => highlight({ field: `case:${index}`, ...range })}
            />
          </p>
        ))}
        <div className="question-tools">
          <HighlightControls
            root={caseRef}
            readOnly={props.readOnly}
            hasHighlights={tools.highlights.length > 0}
            onHighlight={highlight}
            onClear={() => change({ highlights: [] })}
          />
        </div>
        <h4>{vignette.prompts.length === 1 ? 'Prompt' : 'Prompts'}</h4>
        <ol className="vignette-prompts">
          {vignette.prompts.map((prompt, index) => (
            <li key={index}>{prompt}</li>
          ))}
        </ol>
        <NotesPad
          id={`vignette-${vignette.position}-notes`}
          what={`vignette ${vignette.position}`}
          note={tools.note}
          readOnly={props.readOnly}
          onSave={(note) => change({ note })}
        />
      </article>
      <section className="vignette-response" aria-labelledby={`${heading}-response`}>
        <h4 id={`${heading}-response`}>Your response to vignette {vignette.position}</h4>
        <label className="choose-vignette">
          <input
            type="checkbox"
            checked={props.chosen}
            disabled={props.readOnly}
            onChange={(event) => props.onChosenChange(event.target.checked)}
          />{' '}
          Answer this vignette
        </label>
        <EssayEditor
          client={props.client}
          vignette={vignette.position}
          policies={props.policies}
          replaced={props.replaced}
          problem={props.problem}
          readOnly={props.readOnly}
        />
      </section>
    </div>
  );
}
