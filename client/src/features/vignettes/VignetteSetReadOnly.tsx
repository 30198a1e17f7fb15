import type { VignetteSetDetail } from '@exam/shared/api';
import { variantLabels } from '../../lib/labels';

/** A vignette set as it stands, for a coordinator who reads the programme's sets. */
export function VignetteSetReadOnly({ set }: { set: VignetteSetDetail }) {
  return (
    <article aria-labelledby="set-heading">
      <h2 id="set-heading">{set.title}</h2>
      <p>
        {variantLabels[set.variant]}, for {set.audience === 'mentor' ? 'Mentors' : 'Specialists'} (
        {set.endorsement ?? 'both endorsements'}): answer {set.requiredCount} of {set.vignetteCount}
        .
      </p>
      <p>{set.instructions}</p>
      {set.vignettes.map((vignette) => (
        <section key={vignette.id} aria-labelledby={`vignette-${vignette.id}`}>
          <h3 id={`vignette-${vignette.id}`}>
            {vignette.position}. {vignette.title}
          </h3>
          {vignette.caseText.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
          <ul aria-label={`Prompts of ${vignette.title}`}>
            {vignette.prompts.map((prompt, index) => (
              <li key={index}>{prompt}</li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
