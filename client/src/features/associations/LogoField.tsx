import { useId, useState } from 'react';
import { logoProblem } from '@exam/shared/api';

/** Reads a chosen file as a data: URL (the form the server stores and letters embed). */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** The logo: a preview, a file chooser (PNG or JPEG, at most 200 KB) and a way to remove it. */
export function LogoField(props: { value: string | null; onChange(logo: string | null): void }) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);

  async function choose(file: File | undefined) {
    if (!file) return;
    try {
      const dataUrl = await readAsDataUrl(file);
      const refused = logoProblem(dataUrl);
      setProblem(refused);
      if (!refused) props.onChange(dataUrl);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The file could not be read.');
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>Logo</label>
      <p id={`${id}-hint`} className="hint">
        PNG or JPEG, at most 200 KB. Shown on candidates’ pages and results letters.
      </p>
      {props.value && <img src={props.value} alt="Current logo" className="association-logo" />}
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg"
        aria-describedby={`${id}-hint ${id}-problem`}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      <div role="alert" id={`${id}-problem`} className="form-error">
        {problem}
      </div>
      {props.value && (
        <button type="button" onClick={() => props.onChange(null)}>
          Remove logo
        </button>
      )}
    </div>
  );
}
