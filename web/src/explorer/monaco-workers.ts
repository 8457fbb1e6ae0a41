// Monaco asks for a worker per language service; each is a bundle of its own next to this one (build.mjs),
// so the editor needs nothing from outside the gateway.
const workerFiles: Record<string, string> = { json: 'json.worker.js', graphql: 'graphql.worker.js' };

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return new Worker(new URL(workerFiles[label] ?? 'editor.worker.js', import.meta.url), { type: 'module' });
  },
};
