import { Worker } from 'node:worker_threads';

/** A worker thread running a TypeScript file of the bench (`url`: its import.meta-relative URL). */
export function startTsxWorker(url: URL): Worker {
  // tsx's loader hooks are per thread on Node 20, so each worker registers them before importing.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}

/** Sends one command and waits for the worker's one reply; a `failed` reply rejects. */
export function requestReply<R extends { kind: string }>(
  worker: Worker,
  command: unknown,
  label: string,
): Promise<R> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (reply: R | { kind: 'failed'; message: string }) => {
      worker.off('error', onError);
      if (reply.kind === 'failed' && 'message' in reply)
        reject(new Error(`${label} failed: ${reply.message}`));
      else resolve(reply as R);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(command);
  });
}

/** The workers' samples as one array. */
export function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Adds up the workers' error and rejection codes. */
export function mergeCodes(results: { codes: Record<string, number> }[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const r of results)
    for (const [code, n] of Object.entries(r.codes)) codes[code] = (codes[code] ?? 0) + n;
  return codes;
}
