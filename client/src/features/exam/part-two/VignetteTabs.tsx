import { useRef, type KeyboardEvent } from 'react';
import type { VignetteView } from '@exam/shared/protocol';

export const tabId = (position: number) => `vignette-tab-${position}`;
export const panelId = (position: number) => `vignette-panel-${position}`;

/**
 * The vignettes as tabs: one Tab stop, arrow keys (and Home/End) move and open, as the ARIA tabs
 * pattern has it. A chosen vignette says so in its tab. While the exam is paused the other
 * vignettes stay closed (the clock is stopped, so reading on would be time not counted).
 */
export function VignetteTabs(props: {
  vignettes: VignetteView[];
  current: number;
  chosen: number[];
  disabled?: boolean;
  onSelect(position: number): void;
}) {
  const tabs = useRef<Record<number, HTMLButtonElement | null>>({});
  const positions = props.vignettes.map((v) => v.position);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = positions.indexOf(props.current);
    const targets: Record<string, number | undefined> = {
      ArrowRight: positions[(index + 1) % positions.length],
      ArrowLeft: positions[(index - 1 + positions.length) % positions.length],
      Home: positions[0],
      End: positions[positions.length - 1],
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    if (props.disabled) return;
    props.onSelect(target);
    tabs.current[target]?.focus();
  };

  return (
    <div className="vignette-tabs" role="tablist" aria-label="Vignettes" onKeyDown={onKeyDown}>
      {props.vignettes.map((vignette) => {
        const selected = vignette.position === props.current;
        return (
          <button
            key={vignette.position}
            ref={(element) => {
              tabs.current[vignette.position] = element;
            }}
            type="button"
            role="tab"
            id={tabId(vignette.position)}
            className="vignette-tab"
            aria-selected={selected}
            aria-controls={panelId(vignette.position)}
            tabIndex={selected ? 0 : -1}
            aria-disabled={(props.disabled && !selected) || undefined}
            onClick={() => {
              if (!props.disabled) props.onSelect(vignette.position);
            }}
          >
            <span className="vignette-tab-number">Vignette {vignette.position}</span>
            <span className="vignette-tab-title">{vignette.title}</span>
            {props.chosen.includes(vignette.position) && (
              <span className="vignette-tab-chosen">Answering</span>
            )}
          </button>
        );
      })}
    </div>
  );
}
