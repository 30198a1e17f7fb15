/**
 * What a field still needs or what is wrong with it, said beside the field where the data is
 * entered (not only in an alert at the bottom of the form) and tied to it with aria-describedby.
 */
export interface FieldProblem {
  text: string;
  /** True when the value is refused (aria-invalid); false for "needed before a later step". */
  invalid: boolean;
}

export function FieldProblemText({ id, problem }: { id: string; problem?: FieldProblem }) {
  if (!problem) return null;
  return (
    <p id={id} className={problem.invalid ? 'field-problem invalid' : 'field-problem'}>
      {problem.text}
    </p>
  );
}

/** Joins the ids a control is described by, leaving out the absent ones. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length > 0 ? present.join(' ') : undefined;
}
