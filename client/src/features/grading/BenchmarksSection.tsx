import { useState, type FormEvent } from 'react';
import type { BenchmarkSource, Rubric } from '@exam/shared/api';
import { variantLabels } from '../../lib/labels';
import { useLoad, useSaver } from '../../lib/use-load';
import { FormError, StatusMessage } from '../../ui/FormError';
import { TextField } from '../../ui/TextField';
import { createBenchmark, listBenchmarks, listBenchmarkSources } from './calibration.api';
import { listRubrics } from './grading.api';

async function loadAll(signal: AbortSignal) {
  const [benchmarks, sources, rubrics] = await Promise.all([
    listBenchmarks(signal),
    listBenchmarkSources(signal),
    listRubrics(signal),
  ]);
  return { benchmarks, sources, rubrics };
}

/**
 * Benchmark responses: the ones kept, and finally scored past responses (known by code only)
 * to turn into one, with an agreed level and a rationale per criterion. The server makes the
 * anonymised copy; nothing here names a candidate, sitting or grader.
 */
export function BenchmarksSection() {
  const { state, set } = useLoad((signal) => loadAll(signal), []);
  const [chosen, setChosen] = useState<BenchmarkSource | null>(null);
  // Said here: the form goes away once its benchmark is saved.
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section aria-labelledby="benchmarks-heading">
      <h2 id="benchmarks-heading">Benchmark responses</h2>
      <StatusMessage message={status} />
      {state.status === 'loading' && <p role="status">Loading benchmarks…</p>}
      {state.status === 'failed' && <FormError message={state.message} />}
      {state.status === 'loaded' && (
        <>
          {state.data.benchmarks.length === 0 ? (
            <p>No benchmark responses yet.</p>
          ) : (
            <ul>
              {state.data.benchmarks.map((b) => (
                <li key={b.id}>
                  {b.title}: {variantLabels[b.variant]}, rubric version {b.rubricVersion}, agreed
                  levels {b.agreed.map((a) => a.level).join(', ')}
                  {b.active ? '' : ' (retired)'}
                </li>
              ))}
            </ul>
          )}
          <h3>Make a benchmark from a scored response</h3>
          {state.data.sources.length === 0 ? (
            <p>No finally scored responses yet.</p>
          ) : (
            <ul>
              {state.data.sources.map((s) => (
                <li key={s.code}>
                  <button type="button" onClick={() => setChosen(s)}>
                    Use response {s.code}
                  </button>{' '}
                  {variantLabels[s.variant]}, version {s.rubricVersion}, final total {s.finalTotal}
                </li>
              ))}
            </ul>
          )}
          {chosen && (
            <BenchmarkForm
              key={chosen.code}
              source={chosen}
              rubric={state.data.rubrics.find(
                (r) => r.variant === chosen.variant && r.version === chosen.rubricVersion,
              )}
              onCreated={(message) => {
                setChosen(null);
                setStatus(message);
                void loadAll(new AbortController().signal).then(set, () => undefined);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function BenchmarkForm(props: {
  source: BenchmarkSource;
  rubric: Rubric | undefined;
  onCreated(message: string): void;
}) {
  const { source, rubric } = props;
  const save = useSaver();
  const criteria = rubric?.criteria ?? [];
  const [title, setTitle] = useState('');
  const [levels, setLevels] = useState<Record<string, string>>(() =>
    Object.fromEntries(source.finalLevels.map((l) => [l.criterionId, String(l.level)])),
  );
  const [rationales, setRationales] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const done = await save(() =>
      createBenchmark({
        code: source.code,
        title,
        agreed: criteria.map((c) => ({
          criterionId: c.id,
          level: Number(levels[c.id]),
          rationale: rationales[c.id] ?? '',
        })),
      }),
    );
    if (!done.ok) return setError(done.message);
    props.onCreated(`Saved the benchmark ${done.value.title}.`);
  }

  return (
    <form
      className="form"
      aria-labelledby="benchmark-form-heading"
      onSubmit={(e) => void submit(e)}
    >
      <h3 id="benchmark-form-heading">Benchmark from response {source.code}</h3>
      <TextField label="Title" required value={title} onChange={setTitle} />
      {criteria.map((c) => (
        <fieldset key={c.id}>
          <legend>{c.title}</legend>
          <label htmlFor={`agreed-${c.id}`}>Agreed level for {c.title}</label>
          <select
            id={`agreed-${c.id}`}
            value={levels[c.id] ?? ''}
            required
            onChange={(e) => setLevels({ ...levels, [c.id]: e.target.value })}
          >
            <option value="">Choose</option>
            {c.levels.map((l) => (
              <option key={l.score} value={l.score}>
                {l.score} {l.label}
              </option>
            ))}
          </select>
          <TextField
            label={`Rationale for ${c.title}`}
            required
            value={rationales[c.id] ?? ''}
            onChange={(v) => setRationales({ ...rationales, [c.id]: v })}
          />
        </fieldset>
      ))}
      <FormError message={error} />
      <button type="submit">Save the benchmark</button>
    </form>
  );
}
